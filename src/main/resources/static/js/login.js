// A link to a task (…/camunda/app/tasklist/default/#/?task=…, as notifications carry) reaches the login page with its
// fragment, which browsers never send to the server, so the saved request lacks it. Posting the form to "/login#…"
// keeps it: the redirects that follow inherit the fragment, and the person lands on the task itself.
document.addEventListener('DOMContentLoaded', function () {
  var form = document.querySelector('form.login-form');
  if (form && /^#\/[^<>"'\s]{0,500}$/.test(window.location.hash)) {
    form.setAttribute('action', form.getAttribute('action').split('#')[0] + window.location.hash);
  }
});
