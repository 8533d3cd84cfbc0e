// 招商引资项目协同平台: the tasklist webapp in Simplified Chinese (locales/zh.json, written for this product),
// English for browsers that prefer it; the product's name in the header and page title; all dates shown in
// Shanghai time whatever the browser's zone (../zhaoshang/time-zone.js, shared by the four webapps). Served by the application ahead
// of the stock file of the same path.
export default {
  app: {
    vendor: "招商引资项目协同平台",
    name: "任务中心"
  },
  locales: {
    availableLocales: ["zh", "en"],
    fallbackLocale: "zh"
  },
  disableWelcomeMessage: true,
  // Keyboard shortcuts of the stock configuration, described in Chinese.
  shortcuts: {
    claimTask: { key: "ctrl+alt+c", description: "认领当前选中的任务" },
    focusFilter: { key: "ctrl+shift+f", description: "定位到第一个过滤器" },
    focusList: { key: "ctrl+alt+l", description: "定位到任务列表的第一个任务" },
    focusForm: { key: "ctrl+alt+f", description: "定位到任务表单的第一个输入框" },
    startProcess: { key: "ctrl+alt+p", description: "打开发起流程对话框" }
  },
  customScripts: ["../zhaoshang/time-zone", "../zhaoshang/names", "../zhaoshang/task-operations"]
};
