import type { Context } from 'hono';
import type { AppEnv } from '../../app-env.ts';
import { contractForPlanPage } from '../../services/cooperation/index.ts';
import { cooperationPaths } from './paths.ts';

/** R17 — on the plan page: the area's cooperation contract and the contract goals the plan's activities serve. */
export async function planContractSection(c: Context<AppEnv>, planId: number) {
  const k = await contractForPlanPage(c.get('ctx'), planId);
  if (!k) return null;
  return (
    <section aria-labelledby="plan-contract">
      <h2 id="plan-contract">Kontrakt om boligsocialt samarbejde</h2>
      <p>
        Planen ligger i {k.areaName}, som har en <a href={cooperationPaths.contract(k.id)}>kontrakt om boligsocialt samarbejde</a> (
        {k.statusLabel.toLowerCase()}).
      </p>
      {k.served.length ? (
        <ul>
          {k.served.map((s) => (
            <li>
              {s.activity} → {s.goal} ({s.theme})
            </li>
          ))}
        </ul>
      ) : (
        <p>Ingen af planens aktiviteter er knyttet til kontraktens mål endnu.</p>
      )}
    </section>
  );
}
