// A link to a task (…/camunda/app/tasklist/default/#/?task=…, as notifications carry) reaches the login page with its
// fragment, which browsers never send to the server, so the saved request lacks it. Posting the form to "/login#…"
// keeps it: the redirects that follow inherit the fragment, and the person lands on the task itself. The single sign-on
// link carries it the same way: it survives the provider's redirects when the person is already logged in there (its own
// login form, a POST, drops it).
document.addEventListener('DOMContentLoaded', function () {
  if (!/^#\/[^<>"'\s]{0,500}$/.test(window.location.hash)) {
    return;
  }
  var form = document.querySelector('form.login-form');
  if (form) {
    form.setAttribute('action', form.getAttribute('action').split('#')[0] + window.location.hash);
  }
  var sso = document.querySelector('a.sso-login');
  if (sso) {
    sso.setAttribute('href', sso.getAttribute('href').split('#')[0] + window.location.hash);
  }
});
