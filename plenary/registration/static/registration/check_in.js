// Check-in: read the badge's QR code with the phone's camera (BarcodeDetector), then submit the form.
(function () {
  "use strict";
  var form = document.getElementById("check-in-form");
  var button = document.getElementById("scan");
  var video = document.getElementById("camera");
  if (!form) {
    return;
  }
  var input = form.querySelector("input[name='code']");
  input.focus();
  if (!("BarcodeDetector" in window) || !navigator.mediaDevices) {
    return;
  }
  var problem = document.getElementById("camera-problem");
  button.hidden = false;
  button.addEventListener("click", function () {
    var detector = new window.BarcodeDetector({ formats: ["qr_code"] });
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" } }).then(function (stream) {
      video.srcObject = stream;
      video.hidden = false;
      video.play();
      var look = function () {
        detector.detect(video).then(function (codes) {
          if (codes.length) {
            stream.getTracks().forEach(function (track) { track.stop(); });
            input.value = codes[0].rawValue;
            form.submit();
          } else {
            window.requestAnimationFrame(look);
          }
        }).catch(function () { window.requestAnimationFrame(look); });
      };
      look();
    }).catch(function () {
      problem.hidden = false;
      input.focus();
    });
  });
})();
