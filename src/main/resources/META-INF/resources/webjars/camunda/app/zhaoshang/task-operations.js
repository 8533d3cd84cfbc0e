// 招商引资项目协同平台: the task operations Chinese reviewers expect, inside Tasklist (a custom script whose
// default export is a list of Tasklist plugins): 退回, 转办, 委派, 加签, 抄送 and 催办 as task actions, the task's
// record (办理记录) as a detail tab, and 已办 / 我发起的 / 抄送我的 in the navigation bar. Plain JavaScript, no
// build step. Every operation is the application's REST API (/api/tasks/...), checked there; a refusal
// comes back as a Chinese message and is shown as it is.
const APP = document.querySelector("base").getAttribute("app-root").replace(/\/camunda$/, "");

let csrf = null;
async function token() {
  if (!csrf) {
    const response = await fetch(APP + "/api/csrf", { credentials: "same-origin" });
    csrf = await response.json();
  }
  return csrf;
}

async function call(method, path, body) {
  const headers = { Accept: "application/json" };
  if (method !== "GET") {
    const t = await token();
    headers[t.headerName] = t.token;
    headers["Content-Type"] = "application/json";
  }
  const response = await fetch(APP + path, { method, headers, credentials: "same-origin", body: body ? JSON.stringify(body) : undefined });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    const fields = json && json.fieldErrors ? json.fieldErrors.map((f) => f.message).join("；") : "";
    throw new Error((json && json.message) || fields || "操作失败（" + response.status + "）");
  }
  return json;
}

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes || {}).forEach(([name, value]) => {
    if (name === "class") {
      node.className = value;
    } else if (name.startsWith("on")) {
      node.addEventListener(name.substring(2), value);
    } else {
      node.setAttribute(name, value);
    }
  });
  children.flat().forEach((child) => node.append(child instanceof Node ? child : document.createTextNode(child ?? "")));
  return node;
}

/** A small dialog: fields, a confirm button, the server's answer. */
function dialog(title, fields, confirm, submit) {
  const message = el("p", { class: "zs-op-message text-danger" });
  const form = el("form", { class: "zs-op-form" }, fields.map((f) => el("div", { class: "form-group" }, el("label", {}, f.label), f.input)), message);
  const close = () => overlay.remove();
  const ok = el("button", { type: "submit", class: "btn btn-primary zs-op-confirm" }, confirm);
  form.append(el("div", { class: "text-right" }, el("button", { type: "button", class: "btn btn-default", onclick: close }, "取消"), " ", ok));
  const overlay = el("div", { class: "zs-op-overlay", style: "position:fixed;inset:0;background:rgba(0,0,0,.35);z-index:2000;display:flex;align-items:center;justify-content:center" },
    el("div", { class: "zs-op-dialog", role: "dialog", style: "background:#fff;padding:20px;border-radius:4px;width:480px;max-width:95vw;box-shadow:0 4px 20px rgba(0,0,0,.3)" },
      el("h3", { style: "margin-top:0" }, title), form));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    ok.disabled = true;
    message.textContent = "";
    try {
      const done = await submit();
      close();
      notify(done || "操作成功");
    } catch (error) {
      message.textContent = error.message;
      ok.disabled = false;
    }
  });
  document.body.append(overlay);
  const first = form.querySelector("textarea, select, input");
  if (first) {
    first.focus();
  }
}

function notify(text) {
  const note = el("div", { class: "alert alert-success zs-op-notice", style: "position:fixed;right:20px;bottom:40px;z-index:2001" }, text);
  document.body.append(note);
  // Tasklist shows the task's new state (gone, reassigned, waiting) after a reload of its lists.
  setTimeout(() => window.location.reload(), 1200);
}

const textarea = (name, placeholder) => el("textarea", { class: "form-control", name, rows: "3", placeholder: placeholder || "" });

function select(name, options) {
  return el("select", { class: "form-control", name }, el("option", { value: "" }, "请选择"),
    options.map((o) => el("option", { value: o.value }, o.label)));
}

async function openAction(kind, task, overview) {
  const id = task.id;
  switch (kind) {
    case "sendBack": {
      const reason = textarea("reason", "请写明退回原因和需要补充的内容");
      return dialog(overview.actions.sendBack, [{ label: "退回原因（必填）", input: reason }], "确认退回",
        async () => { await call("POST", `/api/tasks/${id}/send-back`, { reason: reason.value }); return "已退回"; });
    }
    case "transfer":
    case "delegate": {
      const people = await call("GET", `/api/tasks/${id}/people`);
      const target = select("target", people.map((p) => ({ value: p.id, label: `${p.name}（${p.unit}）` })));
      const note = textarea("note", kind === "transfer" ? "转办说明（可选）" : "请对方就哪些方面提出意见（可选）");
      const title = kind === "transfer" ? "转办" : "委派";
      return dialog(title, [{ label: (kind === "transfer" ? "转办给" : "委派给"), input: target }, { label: "说明", input: note }], "确认" + title,
        async () => { await call("POST", `/api/tasks/${id}/${kind}`, { target: target.value, note: note.value }); return "已" + title; });
    }
    case "extraOpinion": {
      const departments = await call("GET", "/api/departments");
      const department = select("department", departments.map((d) => ({ value: d.code, label: d.name })));
      const question = textarea("question", "请写明需要对方部门答复的问题");
      return dialog("加签征求意见", [{ label: "征求意见的部门", input: department }, { label: "问题（必填）", input: question }], "发出加签",
        async () => { await call("POST", `/api/tasks/${id}/extra-opinions`, { department: department.value, question: question.value }); return "已发出加签，意见返回前本任务不能办结"; });
    }
    case "copy": {
      const units = await call("GET", "/api/units");
      const boxes = el("div", { class: "zs-op-units", style: "max-height:180px;overflow:auto" }, units.map((u) =>
        el("label", { style: "display:block;font-weight:normal" }, el("input", { type: "checkbox", value: u.code }), " " + u.name)));
      const note = textarea("note", "附言（可选）");
      return dialog("抄送", [{ label: "抄送给（部门或单位的全体人员）", input: boxes }, { label: "附言", input: note }], "确认抄送",
        async () => {
          const groups = [...boxes.querySelectorAll("input:checked")].map((b) => b.value);
          const result = await call("POST", `/api/tasks/${id}/copies`, { groups, users: [], note: note.value });
          return `已抄送 ${result.recipients.length} 人`;
        });
    }
    case "urge": {
      const note = textarea("note", "催办说明（可选）");
      return dialog("催办", [{ label: "说明", input: note }], "确认催办",
        async () => { const r = await call("POST", `/api/tasks/${id}/urge`, { note: note.value }); return `已催办（通知 ${r.notified.length} 人）`; });
    }
    default:
      return null;
  }
}

const ACTIONS = [["sendBack", "退回"], ["transfer", "转办"], ["delegate", "委派"], ["extraOpinion", "加签"], ["copy", "抄送"], ["urge", "催办"]];

async function renderActions(node, task) {
  node.innerHTML = "";
  if (!task || !task.id) {
    return;
  }
  let overview;
  try {
    overview = await call("GET", `/api/tasks/${task.id}/operations`);
  } catch (error) {
    return;
  }
  const bar = el("div", { class: "btn-group btn-group-xs zs-task-operations", role: "group", "aria-label": "审批操作" });
  ACTIONS.forEach(([kind, label]) => {
    if (overview.actions[kind]) {
      bar.append(el("button", { type: "button", class: "btn btn-default zs-op-" + kind, title: kind === "sendBack" ? overview.actions.sendBack : label,
        onclick: () => openAction(kind, task, overview).catch((e) => notifyError(e)) }, label));
    }
  });
  node.append(bar);
}

function notifyError(error) {
  const note = el("div", { class: "alert alert-danger", style: "position:fixed;right:20px;bottom:40px;z-index:2001" }, error.message);
  document.body.append(note);
  setTimeout(() => note.remove(), 5000);
}

async function renderRecord(node, taskId) {
  node.innerHTML = "";
  const overview = await call("GET", `/api/tasks/${taskId}/operations`);
  const list = el("div", { class: "zs-task-record", style: "padding:10px" });
  if (overview.pendingOpinions.length) {
    list.append(el("h4", {}, "待返回的加签意见"), el("ul", {}, overview.pendingOpinions.map((p) => el("li", {}, `${p.departmentName}：${p.question}`))));
  }
  list.append(el("h4", {}, "办理记录"));
  if (!overview.record.length) {
    list.append(el("p", { class: "text-muted" }, "暂无退回、转办、委派、加签、抄送或催办记录"));
  } else {
    list.append(el("table", { class: "table table-condensed" },
      el("thead", {}, el("tr", {}, ["时间", "操作", "环节", "办理人", "对象", "说明/意见"].map((h) => el("th", {}, h)))),
      el("tbody", {}, overview.record.map((r) => el("tr", { class: "zs-record-" + r.kind },
        [r.at, r.kindLabel, r.taskName, r.actorName, r.target, r.reason].map((v) => el("td", {}, v || "")))))));
  }
  node.append(list);
}

export default [
  {
    id: "zhaoshang.task-operations",
    pluginPoint: "tasklist.task.action",
    priority: 50,
    render: (node, options, scope) => {
      if (scope && scope.$watch) {
        scope.$watch("task", (task) => renderActions(node, task));
      }
    },
  },
  {
    id: "zhaoshang.task-record",
    pluginPoint: "tasklist.task.detail",
    priority: -10,
    properties: { label: "办理记录" },
    render: (node, { taskId }) => {
      renderRecord(node, taskId).catch((e) => node.append(el("p", { class: "text-danger" }, e.message)));
    },
  },
  {
    id: "zhaoshang.work-lists",
    pluginPoint: "tasklist.navbar.action",
    priority: 10,
    render: (node) => {
      const link = (href, text) => el("a", { href: APP + href, style: "display:inline-block;padding:0 6px;white-space:nowrap" }, text);
      node.append(el("span", { class: "zs-work-lists", style: "display:inline-block;white-space:nowrap;line-height:inherit" },
        link("/tasks/done", "已办"), link("/tasks/started", "我发起的"), link("/tasks/copies", "抄送我的")));
    },
  },
];
