// 招商引资项目协同平台: the cockpit webapp in Simplified Chinese (locales/zh.json, written for this product),
// English for browsers that prefer it; the product's name in the header and page title; all dates shown in
// Shanghai time whatever the browser's zone (../zhaoshang/time-zone.js, shared by the four webapps). Served by the application ahead
// of the stock file of the same path.
export default {
  app: {
    vendor: "招商引资项目协同平台",
    name: "流程监控"
  },
  locales: {
    availableLocales: ["zh", "en"],
    fallbackLocale: "zh"
  },
  disableWelcomeMessage: true,
  customScripts: ["../zhaoshang/time-zone", "../zhaoshang/names"]
};
