// Live reload channel used by the admin page in the browser.
const RECONNECT_MS = 50000;
const live = new WebSocket('ws://localhost:6667/live');
live.addEventListener('message', () => location.reload());
live.addEventListener('close', () => setTimeout(() => location.reload(), RECONNECT_MS));
fetch('http://localhost:8080/api/session', { credentials: 'include' });
