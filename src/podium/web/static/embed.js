// Podium's embed: put the live medal table (an iframe from Podium's own origin) where this
// script tag stands. Makes no other request.
(function () {
  "use strict";
  var me = document.currentScript;
  if (!me) return;
  var frame = document.createElement("iframe");
  frame.src = me.dataset.src;
  frame.title = me.dataset.title || "Medal table";
  frame.width = "100%";
  frame.height = me.dataset.height || "400";
  frame.style.border = "0";
  frame.style.maxWidth = "40em";
  frame.loading = "lazy";
  me.parentNode.insertBefore(frame, me);
})();
