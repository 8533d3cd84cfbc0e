// 招商引资项目协同平台: the webapps show every date in Shanghai time (UTC+8, no daylight saving time), whatever
// the time zone of the browser's machine, and say so in the footer.
//
// Tasklist formats dates with moment.js (the AngularJS constant "moment"). Its updateOffset hook, the one
// moment-timezone uses to give new moments a zone, here gives every local moment the fixed offset +08:00:
// timestamps and ISO strings with an offset keep their instant; strings of bare components ("2026-12-07
// 18:00", a date picker's) keep their wall-clock time as Shanghai time. Tasklist's due and follow-up date
// fields turn a date into a string without offset ("unfixDate") and back into a browser-local Date; with the
// offset kept in that string the round trip keeps the instant. Cockpit, Admin and Welcome have no such
// constant: their date filter (camDate) is replaced by one that formats in Shanghai time. This script is
// loaded (as a custom script) after the app's AngularJS module is defined and before the app starts.
const SHANGHAI_MINUTES = 8 * 60;
// Each app defines its "custom" module before it loads custom scripts, and starts with it.
const APP_MODULES = ["cam.tasklist.custom", "cam.cockpit.custom", "cam.admin.custom", "cam.welcome.custom"];

function shanghai(moment) {
  if (moment.zhaoshangShanghai) {
    return;
  }
  moment.zhaoshangShanghai = true;
  const previous = moment.updateOffset;
  moment.updateOffset = function (m, keepTime) {
    if (previous) {
      previous.call(this, m, keepTime);
    }
    if (!m._isUTC && m.isValid()) {
      const wallClock = m._a !== undefined && m._tzm === undefined && m._f !== "X" && m._f !== "x";
      m.utcOffset(SHANGHAI_MINUTES, wallClock || keepTime === true);
    }
  };
}

/** The footer names the zone the dates are shown in. */
function nameTheZone() {
  const label = () => {
    const zone = document.querySelector("#footer-timezone i");
    if (zone && zone.textContent !== "Asia/Shanghai") {
      zone.textContent = "Asia/Shanghai";
    }
  };
  new MutationObserver(label).observe(document.body, { childList: true, subtree: true, characterData: true });
  label();
}

function appModule(angular) {
  for (const name of APP_MODULES) {
    try {
      return angular.module(name);
    } catch (notThisApp) {
      // the next one
    }
  }
  return null;
}

/**
 * camDate for the apps that format dates without the AngularJS "moment" (Cockpit, Admin, Welcome): the
 * same named formats through the browser's Intl API, in Shanghai time, in the UI's language.
 */
function shanghaiDateFilter($translate) {
  const options = {
    normal: { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit" },
    short: { year: "numeric", month: "long", day: "numeric" },
    long: { year: "numeric", month: "long", day: "numeric", weekday: "long", hour: "2-digit", minute: "2-digit" },
  };
  return function (date, format) {
    if (!date) {
      return "";
    }
    const value = typeof date === "number" ? new Date(date) : new Date(String(date));
    if (isNaN(value.getTime())) {
      return String(date);
    }
    const language = ($translate.use() || "zh") === "zh" ? "zh-CN" : $translate.use();
    return new Intl.DateTimeFormat(language, { ...(options[format || "normal"] || options.normal), hourCycle: "h23",
      timeZone: "Asia/Shanghai" }).format(value);
  };
}

const angular = window.angular;
const app = angular && appModule(angular);
if (app) {
  app.config(["$provide", function ($provide) {
    const decorate = (name, decorator) => {
      try {
        $provide.decorator(name, decorator);
      } catch (absent) {
        // not in this app
      }
    };
    decorate("unfixDate", ["$delegate", "$injector", function ($delegate, $injector) {
      if (!$injector.has("moment")) {
        return $delegate;
      }
      const moment = $injector.get("moment");
      return (date) => (date ? moment(date, moment.ISO_8601).format("YYYY-MM-DDTHH:mm:ss.SSSZZ") : date);
    }]);
    decorate("camDateFilter", ["$delegate", "$injector", function ($delegate, $injector) {
      return $injector.has("moment") ? $delegate : shanghaiDateFilter($injector.get("$translate"));
    }]);
  }]);
  app.run(["$injector", function ($injector) {
    if ($injector.has("moment")) {
      shanghai($injector.get("moment"));
    }
    nameTheZone();
  }]);
} else {
  console.warn("zhaoshang: the webapp's module was not found; dates are shown in the browser's time zone");
}

// A custom script's default export is read as a list of plugins: this one registers none.
export default [];
