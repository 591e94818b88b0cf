// The sandbox page: one HTML document with its CSS and script inline (no build step). The script signs in
// as the picked person (the mini-app's sandbox sign-in), then only posts what a platform would (a command
// text, or a button's ActionRef with form values) and polls for the bot's messages, which arrive through
// the outbox like on any platform.
import { catalogues } from '../../src/i18n/index.js';

const css = `
/* Colours meet WCAG 2.1 AA contrast (SC 1.4.3: 4.5:1 for text, https://www.w3.org/TR/WCAG21/#contrast-minimum): white on #2b62e8 is 5.2:1 (#3370ff was 4.3:1), grey text #646a73 is 5.1:1 on #f7f8fa (#8f959e was 2.8:1). */
*{box-sizing:border-box}body{margin:0;font:15px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;background:#eef1f5;color:#1f2329}
.app{display:flex;flex-direction:column;height:100vh;max-width:760px;margin:0 auto;background:#fff;box-shadow:0 0 24px rgba(0,0,0,.06)}
.top{padding:12px 16px;border-bottom:1px solid #e5e6eb;display:flex;gap:12px;align-items:center;flex-wrap:wrap}
.top h1{font-size:17px;margin:0;flex:1 1 auto}.top small{display:block;color:#646a73;font-weight:400;font-size:12px}
.top select{font:inherit;padding:6px 8px;border-radius:8px;border:1px solid #d0d3d6;max-width:100%}
#log{flex:1;overflow-y:auto;padding:16px;display:flex;flex-direction:column;gap:12px;background:#f7f8fa}
.msg{max-width:92%}.msg.user{align-self:flex-end;background:#2b62e8;color:#fff;padding:8px 12px;border-radius:14px 14px 4px 14px}
.msg.bot{align-self:flex-start;width:min(560px,92%)}.who{font-size:12px;color:#646a73;margin:0 0 4px 4px}
.empty{color:#646a73;text-align:center;margin-top:40px}
.card{background:#fff;border:1px solid #e5e6eb;border-radius:12px;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card header{padding:10px 14px;color:#fff}.card header h3{margin:0;font-size:15px}.card header p{margin:2px 0 0;opacity:.9;font-size:13px}
.tone-neutral{background:#646a73}.tone-info{background:#2b62e8}.tone-success{background:#0e7c34}.tone-warning{background:#c2410c}.tone-danger{background:#b42318}
.card .body{padding:10px 14px;display:flex;flex-direction:column;gap:8px}.md p{margin:0 0 4px}.md ul{margin:0;padding-left:20px}
.fields{display:grid;grid-template-columns:repeat(auto-fit,minmax(140px,1fr));gap:8px;margin:0}.fields dt{color:#646a73;font-size:12px}.fields dd{margin:0;overflow-wrap:anywhere}
.note{color:#646a73;font-size:12px;margin:0}.actions{display:flex;gap:8px;flex-wrap:wrap}
.btn{font:inherit;border:1px solid #d0d3d6;background:#fff;border-radius:8px;padding:6px 14px;cursor:pointer;color:#1f2329;text-decoration:none}
.btn.primary{background:#2b62e8;border-color:#2b62e8;color:#fff}.btn.danger{border-color:#b42318;color:#b42318}.btn:disabled{opacity:.5;cursor:wait}
.field{border:0;padding:0;margin:0 0 6px;display:flex;flex-direction:column;gap:4px;min-width:0}.field legend,.field label{font-weight:600;font-size:14px;padding:0}
.scale{display:flex;flex-wrap:wrap;gap:6px}.rate input{position:absolute;opacity:0}.rate span{display:inline-flex;width:38px;height:38px;align-items:center;justify-content:center;border:1px solid #d0d3d6;border-radius:50%;cursor:pointer}
.rate input:checked+span{background:#2b62e8;color:#fff;border-color:#2b62e8}.rate input:focus-visible+span{outline:2px solid #2b62e8}
.ends{display:flex;justify-content:space-between;font-size:12px;color:#646a73;max-width:220px}.opt{font-weight:400!important}
.field input[type=text],.field textarea{font:inherit;padding:6px 8px;border:1px solid #d0d3d6;border-radius:8px}.field textarea{min-height:70px}
.ferr{color:#b42318;font-size:13px}.form{display:flex;flex-direction:column;gap:6px}
.image{max-width:100%;border-radius:8px}.glyph{vertical-align:-.18em;flex:none}
form.composer{display:flex;gap:8px;padding:12px;border-top:1px solid #e5e6eb}
.chips{display:flex;gap:6px;padding:8px 12px 0;overflow-x:auto;border-top:1px solid #e5e6eb}.chips button{font:inherit;font-size:13px;white-space:nowrap;border:1px solid #d0d3d6;background:#f7f8fa;border-radius:14px;padding:3px 10px;cursor:pointer}
.chips+form.composer{border-top:0}
.composer textarea{flex:1;font:inherit;padding:10px 12px;border:1px solid #d0d3d6;border-radius:10px;resize:none;min-height:46px;max-height:40vh;overflow-y:auto}
.composer .btn{align-self:flex-end}.msg.user{white-space:pre-wrap;overflow-wrap:anywhere}
#toast{position:fixed;left:50%;top:16px;transform:translateX(-50%);padding:8px 16px;border-radius:8px;color:#fff;background:#1f2329;display:none;z-index:9}
#toast.success{background:#0e7c34}#toast.error{background:#b42318}#toast.warning{background:#c2410c}
`;

const script = `
const L = window.__STRINGS__;
const q = new URLSearchParams(location.search).get('lang');
const lang = q === 'en' || q === 'zh-CN' ? q : window.__DEFAULT_LOCALE__;
const S = (k) => L[lang][k];
// A role in the page's language ("经理", not "manager"); an unknown role as it is.
const roleWord = (r) => L[lang]['role.'+r] || r;
const $ = (s) => document.querySelector(s);
let personId = Number(new URLSearchParams(location.search).get('person')) || 0;
let version = 0; let timer;
function toast(t){ if(!t) return; const el=$('#toast'); el.textContent=t.text; el.className=t.tone; el.style.display='block'; clearTimeout(el._t); el._t=setTimeout(()=>el.style.display='none',2500); }
function render(m){
  let el = document.getElementById(m.id);
  if(!el){ el=document.createElement('div'); el.id=m.id; el.className='msg '+m.from; $('#log').appendChild(el); $('.empty')?.remove(); }
  el.dataset.version = m.version;
  if(m.from==='user'){ el.textContent=m.text; }
  else { el.innerHTML='<p class="who">'+S('sandbox.bot')+'</p>'+(m.html||('<div class="card"><div class="body">'+(m.text||'').replace(/[&<>]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]))+'</div></div>')); }
}
// The chat API serves a person's chat only to a session signed in as them (the mini-app's cookie):
// picking a person signs in as them.
async function signIn(){
  if(!personId) return false;
  const r=await fetch('/api/auth/sandbox',{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify({employeeId:personId})});
  if(!r.ok){ const d=await r.json().catch(()=>({})); toast({text:d.error||('HTTP '+r.status),tone:'error'}); }
  return r.ok;
}
// Another tab may have signed in as someone else since: sign in again as this tab's person and retry once
// (a refused request changed nothing). Polls do so only in the focused window, so two tabs don't take turns.
async function call(url, init, retry){
  const p=personId; const r=await fetch(url, init);
  if((r.status===401||r.status===403) && p===personId && retry() && await signIn()) return fetch(url, init);
  return r;
}
async function poll(){
  clearTimeout(timer);
  if(!personId) return;
  const p=personId;
  try {
    const r = await call('/sandbox/api/messages?personId='+p+'&since='+version, undefined, ()=>document.hasFocus());
    if(r.ok && p===personId){ const d=await r.json(); const atBottom = $('#log').scrollHeight-$('#log').scrollTop-$('#log').clientHeight<40; d.messages.forEach(render); version=Math.max(version,d.version); if(d.messages.length&&atBottom) $('#log').scrollTop=$('#log').scrollHeight; }
  } catch(e) {}
  timer=setTimeout(poll, 800);
}
async function post(url, body){ const r=await call(url,{method:'POST',headers:{'content-type':'application/json'},body:JSON.stringify(body)},()=>true); const d=await r.json().catch(()=>({})); if(!r.ok) toast({text:d.error||('HTTP '+r.status),tone:'error'}); return d; }
function collect(form){
  const values={};
  form.querySelectorAll('[data-field]').forEach(f=>{
    const id=f.dataset.field; const inputs=[...f.querySelectorAll('input,textarea')];
    if(f.dataset.multi==='1') values[id]=inputs.filter(i=>i.checked).map(i=>i.value);
    else { const i=inputs.find(i=>(i.type==='radio'?i.checked:true)); if(i&&i.value!=='') values[id]=i.value; }
  });
  return values;
}
function showErrors(form, errors){ form.querySelectorAll('.ferr').forEach(e=>e.textContent=''); for(const [id,msg] of Object.entries(errors||{})){ const f=form.querySelector('[data-field="'+CSS.escape(id)+'"] .ferr'); if(f) f.textContent=msg; } }
async function act(msgEl, action, values, control, form){
  control.disabled=true;
  try {
    const d = await post('/sandbox/api/action',{personId,messageId:msgEl.id,action,values,eventId:crypto.randomUUID()});
    toast(d.toast); if(d.message && !(d.fieldErrors && form)) render(d.message); if(form) showErrors(form,d.fieldErrors);
    poll();
  } finally { control.disabled=false; }
}
document.addEventListener('click',async e=>{ const c=e.target.closest('button[data-cmd]'); if(c&&personId){ await post('/sandbox/api/send',{personId,text:c.dataset.cmd,eventId:crypto.randomUUID()}); poll(); } });
document.addEventListener('click',e=>{ const b=e.target.closest('button[data-action]'); if(!b) return; act(b.closest('.msg'), JSON.parse(b.dataset.action), undefined, b); });
document.addEventListener('submit',e=>{ const f=e.target.closest('form[data-submit]'); if(!f) return; e.preventDefault(); act(f.closest('.msg'), JSON.parse(f.dataset.submit), collect(f), f.querySelector('button[type=submit]'), f); });
// The composer is a textarea, so a command can carry lines (/rating import 1 + CSV): Enter sends,
// Shift+Enter starts a new line, pasted lines stay lines; it grows with its text.
function fit(){ const i=$('#text'); i.style.height='auto'; i.style.height=Math.min(i.scrollHeight, innerHeight*0.4)+'px'; }
$('#text').addEventListener('input',fit);
$('#text').addEventListener('keydown',e=>{ if(e.key==='Enter'&&!e.shiftKey&&!e.isComposing){ e.preventDefault(); $('#composer').requestSubmit(); } });
$('#composer').addEventListener('submit',async e=>{ e.preventDefault(); const i=$('#text'); const text=i.value.trim(); if(!text||!personId) return; i.value=''; fit(); await post('/sandbox/api/send',{personId,text,eventId:crypto.randomUUID()}); poll(); });
async function init(){
  document.title=S('sandbox.title'); $('#title').firstChild.textContent=S('sandbox.title'); $('#subtitle').textContent=S('sandbox.subtitle');
  $('#pick-label').textContent=S('sandbox.pickPerson'); $('#text').placeholder=S('sandbox.placeholder'); $('#send').textContent=S('sandbox.send');
  const d = await (await fetch('/sandbox/api/people')).json(); const sel=$('#person');
  const groups={}; d.people.forEach(p=>{ (groups[p.unitName||'—'] ||= []).push(p); });
  for(const [unit,ps] of Object.entries(groups)){ const g=document.createElement('optgroup'); g.label=unit; ps.forEach(p=>{ const o=document.createElement('option'); o.value=p.id; const rs=p.roles.filter(r=>r!=='employee').map(roleWord); o.textContent=p.name+(rs.length?S('sandbox.roles').replace('{roles}',rs.join(S('sandbox.roleSep'))):''); g.appendChild(o); }); sel.appendChild(g); }
  if(!personId && d.people[0]) personId=d.people[0].id; sel.value=String(personId);
  sel.addEventListener('change',async()=>{ personId=Number(sel.value); version=0; $('#log').innerHTML='<p class="empty">'+S('sandbox.empty')+'</p>'; history.replaceState(null,'','?person='+personId); await signIn(); poll(); });
  window.addEventListener('focus',()=>poll());
  $('#log').innerHTML='<p class="empty">'+S('sandbox.empty')+'</p>'; $('#text').focus(); await signIn(); poll();
}
init();
`;

export function sandboxPage(defaultLocale: 'zh-CN' | 'en'): string {
  const strings = Object.fromEntries(
    (['en', 'zh-CN'] as const).map((l) => [
      l,
      Object.fromEntries(
        Object.entries(catalogues[l]).filter(([k]) => k.startsWith('sandbox.') || k.startsWith('role.')),
      ),
    ]),
  );
  // JSON inside <script>: escape "<" so no string can close the tag.
  const data = JSON.stringify(strings).replace(/</g, '\\u003c');
  return `<!doctype html><html lang="${defaultLocale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Vitality sandbox</title><link rel="icon" type="image/svg+xml" href="/favicon.svg"><style>${css}</style></head><body><div class="app">
<div class="top"><h1 id="title">Vitality sandbox<small id="subtitle"></small></h1><label><span id="pick-label">Chat as</span> <select id="person" data-testid="person"></select></label></div>
<div id="log" aria-live="polite"></div>
<div class="chips" id="chips">${['/help', '/whoami', '/claim', '/points', '/approvals', '/ratings', '/redeem'].map((c) => `<button type="button" data-cmd="${c}">${c}</button>`).join('')}</div>
<form id="composer" class="composer"><textarea id="text" rows="1" autocomplete="off" data-testid="composer"></textarea><button id="send" class="btn primary" type="submit">Send</button></form>
</div><div id="toast" role="status"></div>
<script>window.__STRINGS__=${data};window.__DEFAULT_LOCALE__=${JSON.stringify(defaultLocale)};</script><script>${script}</script></body></html>`;
}
