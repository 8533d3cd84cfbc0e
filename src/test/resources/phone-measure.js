// PhonePagesIT: what breaks a page on a phone, measured in the browser. Returns the problems found.
const page = document.scrollingElement;
const problems = [];
const heading = document.querySelector('h1');
if (heading && heading.textContent.includes('出错了')) {
  problems.push('the error page: ' + document.body.innerText.slice(0, 80));
}
if (page.scrollWidth > window.innerWidth + 1) {
  problems.push('page scrolls sideways: ' + page.scrollWidth + ' > ' + window.innerWidth);
  for (const e of document.querySelectorAll('body *')) {
    const r = e.getBoundingClientRect();
    if (r.right > window.innerWidth + 1 && !e.closest('table.grid, .diagram, .scroll-x') && getComputedStyle(e).position !== 'fixed') {
      problems.push('  too wide: <' + e.tagName.toLowerCase() + ' class="' + e.className + '"> right=' + Math.round(r.right));
      if (problems.length > 8) break;
    }
  }
}
const visible = e => { const r = e.getBoundingClientRect(); const s = getComputedStyle(e);
  return r.width > 0 && r.height > 0 && s.visibility !== 'hidden' && s.display !== 'none'; };
for (const e of document.querySelectorAll('body *')) {
  if (e.closest('svg, .djs-container, .diagram, script, style, noscript')) continue;
  const text = Array.from(e.childNodes).some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
  if (text && visible(e) && parseFloat(getComputedStyle(e).fontSize) < 14) {
    problems.push('text under 14px: <' + e.tagName.toLowerCase() + '> ' + getComputedStyle(e).fontSize + ' "' + e.textContent.trim().slice(0, 20) + '"');
  }
}
for (const e of document.querySelectorAll('button, select, input:not([type=hidden]):not([type=checkbox]):not([type=radio]), textarea, .menu-button, a.button')) {
  if (visible(e) && e.getBoundingClientRect().height < 43.5) {
    problems.push('touch target under 44px: <' + e.tagName.toLowerCase() + '> ' + Math.round(e.getBoundingClientRect().height) + ' "' + (e.textContent || e.name || '').trim().slice(0, 20) + '"');
  }
}
return problems;
