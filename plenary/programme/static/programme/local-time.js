// Adds each session's time in the viewer's own time zone next to the venue time.
// The zone is detected by the browser, can be changed in the picker, and is remembered.
(function () {
  "use strict";
  var STORAGE_KEY = "plenary.programme.timeZone";
  var picker = document.getElementById("zone-picker");
  var select = document.getElementById("zone-select");
  if (!picker || !select || !window.Intl || !Intl.DateTimeFormat) {
    return;
  }
  var locale = (picker.dataset.locale || "en").replace("zh-hans", "zh-Hans") + "-u-nu-latn";
  var yourTime = picker.dataset.yourTime || "your time";
  var detected = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

  function zones() {
    var list = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
    if (list.indexOf("UTC") < 0) list = ["UTC"].concat(list);
    if (list.indexOf(detected) < 0) list = [detected].concat(list);
    return list;
  }

  function stored() {
    try {
      return window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return null;
    }
  }

  function remember(zone) {
    try {
      window.localStorage.setItem(STORAGE_KEY, zone);
    } catch (error) {
      // Private browsing: the choice lasts for this page only.
    }
  }

  function formatter(zone, options) {
    return new Intl.DateTimeFormat(locale, Object.assign({ timeZone: zone }, options));
  }

  function part(className, text, direction) {
    var span = document.createElement("span");
    span.className = className;
    span.dir = direction;
    span.textContent = text;
    return span;
  }

  function render(zone) {
    var clock = formatter(zone, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    var day = formatter(zone, { day: "numeric", month: "short" });
    document.querySelectorAll(".local-time").forEach(function (element) {
      var start = new Date(element.dataset.start);
      var end = new Date(element.dataset.end);
      var venueDay = formatter(element.dataset.venueZone, { day: "numeric", month: "short" }).format(start);
      var localDay = day.format(start);
      element.replaceChildren();
      if (localDay !== venueDay) {
        element.append(part("local-time__day", localDay, "auto"), " ");
      }
      element.append(
        part("local-time__clock", clock.format(start) + "–" + clock.format(end), "ltr"),
        " · ",
        part("local-time__label", yourTime, "auto"),
        " ",
        part("local-time__zone", zoneName(zone), names[zone] ? "auto" : "ltr")
      );
      element.hidden = false;
    });
  }

  // Each zone's name in the page's language ("توقيت اليابان"), fetched once; a zone CLDR places in
  // no country (UTC) keeps its IANA name, which stays the option's value in every language.
  var names = {};

  function zoneName(name) {
    return names[name] || name;
  }

  function nameOptions() {
    var chosen = select.value;
    var options = Array.prototype.slice.call(select.options);
    options.forEach(function (option) {
      option.textContent = zoneName(option.value);
    });
    options.sort(function (a, b) {
      return a.textContent.localeCompare(b.textContent, locale);
    });
    select.replaceChildren.apply(select, options);
    select.value = chosen;
  }

  var zone = stored() || detected;
  zones().forEach(function (name) {
    var option = document.createElement("option");
    option.value = name;
    option.textContent = name;
    select.appendChild(option);
  });
  if (zones().indexOf(zone) < 0) zone = detected;
  select.value = zone;
  select.addEventListener("change", function () {
    remember(select.value);
    render(select.value);
  });
  picker.hidden = false;
  render(zone);
  if (picker.dataset.names && window.fetch) {
    fetch(picker.dataset.names)
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .then(function (found) {
        names = found;
        nameOptions();
        render(select.value);
      })
      .catch(function () {
        // Offline or refused: the menu keeps the IANA names.
      });
  }
})();
