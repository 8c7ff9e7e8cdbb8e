import nodemailer from 'nodemailer';

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
}

/** Sends through SMTP_URL with nodemailer; without it, mails are logged and dropped (development). */
export function createMailer(smtpUrl: string | undefined, from: string, log: (msg: string) => void): Mailer {
  if (!smtpUrl) return { send: async (m) => log(`E-mail (ikke sendt, SMTP_URL mangler) til ${m.to}: ${m.subject}`) };
  const transport = nodemailer.createTransport(smtpUrl);
  return { send: async (m) => void (await transport.sendMail({ from, ...m })) };
}
