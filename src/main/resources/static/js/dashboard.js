// 瓶颈分析 page: figures from /api/dashboard, the process diagram coloured as a heat map (bpmn-js viewer),
// overdue tasks and weekly medians of the step clicked. No build step: plain browser JavaScript.
(function () {
  'use strict';
  const form = document.getElementById('filters');
  const message = document.getElementById('message');
  const groupBy = document.getElementById('groupBy');
  const viewer = new BpmnJS({ container: '#diagram' });
  let diagramOf = null;
  let byTask = {};
  let chart = null;

  function params(extra) {
    const data = new URLSearchParams();
    new FormData(form).forEach((value, key) => { if (value !== '' && key !== 'heat') data.append(key, value); });
    Object.entries(extra || {}).forEach(([k, v]) => data.set(k, v));
    return data;
  }

  async function getJson(path, query) {
    const response = await fetch(path + '?' + query.toString(), { headers: { Accept: 'application/json' } });
    const body = await response.json();
    if (!response.ok) {
      throw new Error(body.fieldErrors && body.fieldErrors.length ? body.fieldErrors[0].message : body.message);
    }
    return body;
  }

  function fmt(value) { return value === null || value === undefined ? '—' : String(value); }

  function cell(row, text, numeric) {
    const td = document.createElement('td');
    td.textContent = text;
    if (numeric) td.className = 'num';
    row.appendChild(td);
  }

  function renderTable(result) {
    const body = document.querySelector('#figures tbody');
    body.replaceChildren();
    result.rows.forEach(r => {
      const tr = document.createElement('tr');
      cell(tr, r.label);
      [r.waiting, r.overdue, r.escalatedLevel1, r.escalatedLevel2, r.completed, r.totalHours.mean, r.totalHours.median,
        r.totalHours.p90, r.waitHours.median, r.workHours.median].forEach(v => cell(tr, fmt(v), true));
      body.appendChild(tr);
    });
    if (!result.rows.length) {
      const tr = document.createElement('tr');
      cell(tr, '所选期间没有任务');
      body.appendChild(tr);
    }
  }

  async function renderDiagram(process, taskFigures) {
    if (diagramOf !== process) {
      const model = await getJson('/api/dashboard/diagram', new URLSearchParams({ process }));
      await viewer.importXML(model.xml);
      viewer.get('canvas').zoom('fit-viewport');
      diagramOf = process;
    }
    const canvas = viewer.get('canvas');
    const overlays = viewer.get('overlays');
    overlays.clear();
    const heat = form.elements.heat.value;
    const values = Object.values(taskFigures).map(f => heat === 'overdue' ? f.overdue : (f.totalHours.median || 0));
    const max = Math.max(1, ...values);
    viewer.get('elementRegistry').filter(e => e.type === 'bpmn:UserTask').forEach(element => {
      for (let level = 0; level <= 4; level++) canvas.removeMarker(element.id, 'heat-' + level);
      const f = taskFigures[element.id];
      if (!f) return;
      const value = heat === 'overdue' ? f.overdue : (f.totalHours.median || 0);
      canvas.addMarker(element.id, 'heat-' + Math.min(4, Math.ceil(4 * value / max)));
      const badge = document.createElement('div');
      badge.className = 'heat-badge';
      badge.textContent = fmt(f.totalHours.median) + 'h / ' + f.overdue;
      badge.title = '待办 ' + f.waiting + '，逾期 ' + f.overdue + '，期间办结 ' + f.completed + '，中位 ' + fmt(f.totalHours.median) + ' 小时';
      overlays.add(element.id, 'figures', { position: { bottom: -4, right: 4 }, html: badge });
    });
  }

  async function showTask(taskId) {
    const figures = byTask[taskId];
    document.getElementById('detail').hidden = false;
    document.getElementById('detail-title').textContent = (figures ? figures.label : taskId) + '：逾期任务与近26周办理时长';
    const rows = await getJson('/api/dashboard/overdue', params({ task: taskId }));
    const body = document.querySelector('#overdue tbody');
    body.replaceChildren();
    rows.forEach(item => {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      if (item.link) {
        const a = document.createElement('a');
        a.href = item.link;
        a.textContent = item.projectCode + ' ' + (item.projectName || '');
        td.appendChild(a);
      } else {
        td.textContent = '—';
      }
      tr.appendChild(td);
      cell(tr, item.holder);
      cell(tr, item.dueAt);
      cell(tr, String(item.workingDaysOverdue), true);
      body.appendChild(tr);
    });
    if (!rows.length) {
      const tr = document.createElement('tr');
      cell(tr, '该环节当前没有逾期任务');
      body.appendChild(tr);
    }
    const trendQuery = params({ task: taskId });
    trendQuery.delete('from');
    trendQuery.delete('to');
    const points = await getJson('/api/dashboard/trend', trendQuery);
    if (chart) chart.destroy();
    chart = new Chart(document.getElementById('trend'), {
      type: 'line',
      data: { labels: points.map(p => p.weekStart), datasets: [{ label: '每周中位办理时长（小时）', data: points.map(p => p.medianHours), spanGaps: true }] },
      options: { animation: false }
    });
  }

  async function refresh() {
    message.hidden = true;
    try {
      const process = form.elements.process.value;
      const tasks = await getJson('/api/dashboard/bottlenecks', params({ groupBy: 'task' }));
      byTask = {};
      tasks.rows.forEach(r => { byTask[r.group] = r; });
      await renderDiagram(process, byTask);
      renderTable(groupBy.value === 'task' ? tasks : await getJson('/api/dashboard/bottlenecks', params({ groupBy: groupBy.value })));
    } catch (e) {
      message.textContent = e.message || '查询失败';
      message.hidden = false;
    }
  }

  viewer.on('element.click', event => {
    if (event.element.type === 'bpmn:UserTask') {
      showTask(event.element.id).catch(e => { message.textContent = e.message; message.hidden = false; });
    }
  });
  new URLSearchParams(window.location.search).forEach((value, key) => {
    if (form.elements[key] && form.elements[key].type !== 'checkbox') form.elements[key].value = value;
  });
  form.addEventListener('submit', event => { event.preventDefault(); refresh(); });
  form.elements.process.addEventListener('change', refresh);
  groupBy.addEventListener('change', refresh);
  refresh();
}());
