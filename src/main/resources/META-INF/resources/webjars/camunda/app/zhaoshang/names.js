// 招商引资项目协同平台: Chinese names in Chinese order in the webapps (曹丽, not "丽 曹").
//
// Camunda keeps a person's name as firstName (名字, the given name) and lastName (姓氏, the family name) and the
// webapps write them as "firstName lastName" in the header, on task cards and in Tasklist's assignee field. The
// stored fields stay as they are (Admin edits them as 名字 and 姓氏; the product's pages and mails join them as
// family + given). Here the webapps' rendered text is corrected: every "given family" of a known user whose name
// is Chinese becomes "familygiven". Only text is changed, never a form field, so nothing written back differs.
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;
const API = "/camunda/api/engine/engine/default";

function chineseOrder(users) {
  const names = new Map();
  for (const user of users) {
    const given = (user.firstName || "").trim();
    const family = (user.lastName || "").trim();
    if (given && family && CJK.test(given) && CJK.test(family)) {
      names.set(given + " " + family, family + given);
    }
  }
  return names;
}

function correct(names, node) {
  const text = node.nodeValue;
  if (!text || text.indexOf(" ") < 0 || !CJK.test(text)) {
    return;
  }
  let fixed = text;
  for (const [western, chinese] of names) {
    if (fixed.indexOf(western) >= 0) {
      fixed = fixed.split(western).join(chinese);
    }
  }
  if (fixed !== text) {
    node.nodeValue = fixed;
  }
}

function walk(names, root) {
  if (root.nodeType === Node.TEXT_NODE) {
    correct(names, root);
    return;
  }
  const texts = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = texts.nextNode(); node; node = texts.nextNode()) {
    correct(names, node);
  }
}

async function users() {
  const read = async (url) => {
    const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
    return response.ok ? response.json() : null;
  };
  const everyone = await read(API + "/user?maxResults=2000");
  if (Array.isArray(everyone)) {
    return everyone;
  }
  // Without the right to list users, at least the person's own name (the header).
  const me = await read("/camunda/api/admin/auth/user/default");
  const profile = me && me.userId ? await read(API + "/user/" + encodeURIComponent(me.userId) + "/profile") : null;
  return profile ? [profile] : [];
}

users().then((list) => {
  const names = chineseOrder(list);
  if (names.size === 0) {
    return;
  }
  walk(names, document.body);
  new MutationObserver((changes) => {
    for (const change of changes) {
      if (change.type === "characterData") {
        correct(names, change.target);
      } else {
        change.addedNodes.forEach((node) => walk(names, node));
      }
    }
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
}).catch(() => {
  // Names stay as Camunda writes them; nothing else depends on this.
});

// A custom script's default export is read as a list of plugins: this one registers none.
export default [];
