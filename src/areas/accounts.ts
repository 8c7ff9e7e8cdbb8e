import { hasRole } from '../policy/actor.ts';
import { accountRules } from '../policy/rules/index.ts';
import { adminPages } from '../web/admin.tsx';
import { oidcPages } from '../web/oidc.tsx';
import type { Area } from './area.ts';

/**
 * Sign-in and the administrator's people pages: OpenID Connect providers (start, callback, logout at the provider),
 * users waiting for approval, and a person's data (see, export, erase or pseudonymise).
 */
export const accountsArea: Area = {
  name: 'accounts',
  pages: (app) => {
    app.route('/', oidcPages());
    app.route('/admin', adminPages());
  },
  rules: accountRules,
  nav: [{ label: 'Administration', href: '/admin', prefix: '/admin', order: 95, visible: (a) => hasRole(a, 'admin') }],
};
