// /tasks/{id}: the task's deployed Camunda Form, rendered by form-js (the version Tasklist uses) from the engine's
// deployed-form, and everything done through the same APIs as Tasklist: claim and submit-form of the engine's REST API
// (so the completion rules and their Chinese refusals are the engine's), 退回 and 转办 of the app's task operations.
(function () {
  'use strict';
  var page = document.querySelector('.task-page');
  if (!page || !window.FormViewer) {
    return;
  }
  var taskId = page.getAttribute('data-task');
  var mine = page.getAttribute('data-mine') === 'true';
  var user = page.getAttribute('data-user');
  var container = document.getElementById('task-form');
  var errorBox = document.getElementById('task-error');
  var csrfHeader = document.querySelector('meta[name=_csrf_header]');
  var csrfToken = document.querySelector('meta[name=_csrf]');
  var form = null;

  function say(box, text) {
    errorBox.hidden = true;
    document.getElementById('task-notice').hidden = true;
    if (text) {
      box.textContent = text;
      box.hidden = false;
      box.scrollIntoView({ block: 'center' });
    }
  }

  function call(method, url, body) {
    var headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      headers['Content-Type'] = 'application/json';
      if (csrfHeader && csrfToken) {
        headers[csrfHeader.content] = csrfToken.content;
      }
    }
    return fetch(url, { method: method, credentials: 'same-origin', headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body) }).then(function (response) {
      if (response.ok) {
        return response.status === 204 ? null : response.json().catch(function () { return null; });
      }
      return response.json().catch(function () { return {}; }).then(function (answer) {
        throw new Error(answer.message || '请求未能完成（' + response.status + '），请稍后重试');
      });
    });
  }

  function variablesOf(data) {
    var variables = {};
    Object.keys(data).forEach(function (key) {
      var value = data[key];
      if (value !== null && typeof value === 'object') {
        variables[key] = { value: JSON.stringify(value), type: 'Json' };
      } else if (value !== undefined) {
        variables[key] = { value: value };
      }
    });
    return variables;
  }

  function load() {
    var base = '/engine-rest/task/' + encodeURIComponent(taskId);
    return Promise.all([call('GET', base + '/deployed-form'), call('GET', base + '/form-variables')]).then(function (answers) {
      var data = {};
      Object.keys(answers[1] || {}).forEach(function (name) {
        data[name] = answers[1][name].value;
      });
      container.textContent = '';
      form = new window.FormViewer.Form({ container: container, properties: { readOnly: !mine } });
      return form.importSchema(answers[0], data);
    }).catch(function (e) {
      container.textContent = '';
      say(errorBox, '表单无法加载：' + e.message);
    });
  }

  function done(message) {
    window.location.assign('/tasks/mine?done=' + encodeURIComponent(message));
  }

  var claim = document.getElementById('claim');
  if (claim) {
    claim.addEventListener('click', function () {
      claim.disabled = true;
      call('POST', '/engine-rest/task/' + encodeURIComponent(taskId) + '/claim', { userId: user })
        .then(function () { window.location.reload(); })
        .catch(function (e) { claim.disabled = false; say(errorBox, e.message); });
    });
  }

  var complete = document.getElementById('complete');
  if (complete) {
    complete.addEventListener('click', function () {
      if (!form) {
        return;
      }
      var result = form.submit();
      if (result.errors && Object.keys(result.errors).length > 0) {
        say(errorBox, '请检查表单中标出的内容');
        return;
      }
      complete.disabled = true;
      call('POST', '/engine-rest/task/' + encodeURIComponent(taskId) + '/submit-form', { variables: variablesOf(result.data) })
        .then(function () { done('已完成：' + document.querySelector('h1').textContent); })
        .catch(function (e) { complete.disabled = false; say(errorBox, e.message); });
    });
  }

  var sendBack = document.getElementById('send-back');
  if (sendBack) {
    sendBack.addEventListener('submit', function (event) {
      event.preventDefault();
      call('POST', '/api/tasks/' + encodeURIComponent(taskId) + '/send-back', { reason: sendBack.reason.value })
        .then(function () { done('已退回：' + document.querySelector('h1').textContent); })
        .catch(function (e) { say(errorBox, e.message); });
    });
  }

  var transfer = document.getElementById('transfer');
  if (transfer) {
    call('GET', '/api/tasks/' + encodeURIComponent(taskId) + '/people').then(function (people) {
      (people || []).forEach(function (person) {
        var option = document.createElement('option');
        option.value = person.id;
        option.textContent = person.name + (person.unit ? '（' + person.unit + '）' : '');
        transfer.target.appendChild(option);
      });
    }).catch(function () { /* the select stays empty; the refusal explains on submit */ });
    transfer.addEventListener('submit', function (event) {
      event.preventDefault();
      call('POST', '/api/tasks/' + encodeURIComponent(taskId) + '/transfer', { target: transfer.target.value, note: transfer.note.value })
        .then(function () { done('已转办：' + document.querySelector('h1').textContent); })
        .catch(function (e) { say(errorBox, e.message); });
    });
  }

  load();
})();
