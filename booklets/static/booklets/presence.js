// "Currently editing": an enhancement; the page works (and conflicts are caught) without it.
(function () {
  var box = document.getElementById("presence");
  if (!box || !window.WebSocket) return;
  var scheme = location.protocol === "https:" ? "wss://" : "ws://";
  var socket = new WebSocket(scheme + location.host + box.dataset.ws);
  var me = Number(box.dataset.number);
  function show(text) {
    box.textContent = "";
    if (!text) return;
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
  }
  var others = [];
  socket.onmessage = function (event) {
    var data = JSON.parse(event.data);
    if (data.type === "presence") {
      others = data.editors.filter(function (name) { return name !== box.dataset.me; });
      show(others.length ? box.dataset.msgEditing + " " + others.join(", ") : "");
    } else if (data.type === "saved" && data.number > me) {
      show(box.dataset.msgSaved);
    }
  };
})();
