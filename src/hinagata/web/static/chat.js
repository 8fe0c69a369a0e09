// Hinagata web chat: sends the conversation through the gateway (as the signed-in user),
// shows each message's verdict, streams the answer, and shows the AI-use disclosure.
(() => {
  const root = document.getElementById("chat");
  if (!root) return;
  const csrf = root.dataset.csrf;
  const log = document.getElementById("log");
  const form = document.getElementById("chat-form");
  const prompt = document.getElementById("prompt");
  const model = document.getElementById("model");
  const send = document.getElementById("send");
  const VERDICT = {
    allow: "送信しました",
    allow_masked: "個人情報を伏字にして送信しました",
    review: "審査機関の許可が必要です（送信していません）",
    deny: "送信できません（送信していません）",
  };
  let messages = [];

  function item(role, text) {
    const li = document.createElement("li");
    li.className = "msg msg-" + role;
    const who = document.createElement("p");
    who.className = "who";
    who.textContent = role === "user" ? "あなた" : "AI";
    const body = document.createElement("div");
    body.className = "body";
    body.textContent = text;
    li.append(who, body);
    log.append(li);
    return li;
  }

  function note(li, text, cls) {
    const p = document.createElement("p");
    p.className = "verdict-note " + (cls || "");
    p.textContent = text;
    li.append(p);
    return p;
  }

  async function submit() {
    const text = prompt.value.trim();
    if (!text) { prompt.focus(); return; }
    const userLi = item("user", text);
    const candidate = messages.concat([{ role: "user", content: text }]);
    send.disabled = true;
    let resp;
    try {
      resp = await fetch("/chat/send", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json", "x-csrf-token": csrf },
        body: JSON.stringify({ model: model.value, messages: candidate, stream: true }),
      });
    } catch (e) {
      note(userLi, "接続できませんでした。時間をおいて再度お試しください。", "bad");
      send.disabled = false;
      return;
    }
    const verdict = resp.headers.get("x-hinagata-verdict");
    if (!resp.ok) {
      let data = {};
      try { data = await resp.json(); } catch (e) { /* not JSON */ }
      const err = data.error || {};
      note(userLi, VERDICT[err.code] || err.message || ("エラー " + resp.status), "bad");
      for (const r of err.reasons || []) {
        note(userLi, "〔" + r.clause + " " + r.title + "〕" + r.message + " → " + r.remedy, "reason");
      }
      send.disabled = false;
      return;
    }
    note(userLi, VERDICT[verdict] || "送信しました", verdict === "allow_masked" ? "masked" : "ok");
    prompt.value = "";
    const aiLi = item("assistant", "");
    const body = aiLi.querySelector(".body");
    let answer = "";
    const reader = resp.body.getReader();
    const decoder = new TextDecoder();
    let buf = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      buf += decoder.decode(value, { stream: true });
      let i;
      while ((i = buf.indexOf("\n\n")) >= 0) {
        const line = buf.slice(0, i).trim();
        buf = buf.slice(i + 2);
        if (!line.startsWith("data:")) continue;
        const payload = line.slice(5).trim();
        if (payload === "[DONE]") continue;
        try {
          const obj = JSON.parse(payload);
          if (obj.error) { note(aiLi, obj.error.message, "bad"); continue; }
          for (const c of obj.choices || []) {
            const piece = (c.delta && c.delta.content) || "";
            answer += piece;
          }
          body.textContent = answer;
        } catch (e) { /* ignore malformed lines */ }
      }
    }
    messages = candidate.concat([{ role: "assistant", content: answer }]);
    const disclosure = resp.headers.get("x-hinagata-disclosure");
    note(aiLi, disclosure ? decodeURIComponent(disclosure)
      : "生成AIの回答です。事実、数値、引用、固有名詞を必ず確認してから利用してください。", "disclosure");
    send.disabled = false;
    prompt.focus();
  }

  form.addEventListener("submit", (e) => { e.preventDefault(); submit(); });
  prompt.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); submit(); }
  });
  document.getElementById("reset").addEventListener("click", () => {
    messages = [];
    log.replaceChildren();
    prompt.focus();
  });
})();
