import { userRoles } from '../../../platform/user-pool';
import type { AppContext } from '../context';
import { h, show } from '../dom';
import { refusal } from '../refusal';

/** Where a signed-in user lands, by the role in their ID token. */
function homeOf(app: AppContext): string {
  const { who } = app.identity;
  if (who.kind !== 'user') return '#/';
  if (who.role === userRoles.shopOwner && who.shopId) return `#/owner/${who.shopId}`;
  if (who.role === userRoles.admin) return '#/admin';
  return '#/orders';
}

/** Sign-in for customers, owners and admins; sign-up (with the e-mailed code) for customers. */
export function signInPage(root: HTMLElement, app: AppContext): void {
  const email = h('input', { name: 'email', type: 'email', required: true, autocomplete: 'username', 'aria-label': 'E-mail' });
  const password = h('input', { name: 'password', type: 'password', required: true, autocomplete: 'current-password', 'aria-label': 'Password' });
  const outcome = h('div');
  const signIn = h(
    'form',
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        show(outcome, h('p', {}, 'Signing in…'));
        void app.identity
          .signIn(email.value, password.value)
          .then(() => app.navigate(homeOf(app)))
          .catch((error: unknown) => show(outcome, refusal(error)));
      },
    },
    h('h2', {}, 'Sign in'),
    h('label', {}, 'E-mail ', email),
    h('label', {}, 'Password ', password),
    h('button', { type: 'submit' }, 'Sign in'),
    outcome,
  );

  const newEmail = h('input', { name: 'new-email', type: 'email', required: true, autocomplete: 'username', 'aria-label': 'E-mail for the new account' });
  const newPassword = h('input', { name: 'new-password', type: 'password', required: true, autocomplete: 'new-password', 'aria-label': 'Password for the new account' });
  const code = h('input', { name: 'code', inputmode: 'numeric', 'aria-label': 'Confirmation code' });
  const signUpOutcome = h('div');
  const confirm = h(
    'form',
    {
      hidden: true,
      onsubmit: (event: Event) => {
        event.preventDefault();
        void app.identity
          .confirmSignUp(newEmail.value, code.value)
          .then(() => app.identity.signIn(newEmail.value, newPassword.value))
          .then(() => app.navigate(homeOf(app)))
          .catch((error: unknown) => show(signUpOutcome, refusal(error)));
      },
    },
    h('label', {}, 'Code from the e-mail ', code),
    h('button', { type: 'submit' }, 'Confirm'),
  );
  const signUp = h(
    'form',
    {
      onsubmit: (event: Event) => {
        event.preventDefault();
        void app.identity
          .signUp(newEmail.value, newPassword.value)
          .then(() => {
            confirm.hidden = false;
            show(signUpOutcome, h('p', {}, `A confirmation code was sent to ${newEmail.value}.`));
          })
          .catch((error: unknown) => show(signUpOutcome, refusal(error)));
      },
    },
    h('h2', {}, 'New customer'),
    h('label', {}, 'E-mail ', newEmail),
    h('label', {}, 'Password ', newPassword),
    h('button', { type: 'submit' }, 'Create an account'),
  );
  show(root, signIn, signUp, confirm, signUpOutcome);
}
