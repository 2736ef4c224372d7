// Wires the dashboard: stocks and notifications over Server-Sent Events
// (notifications over WebSocket when its toggle is on), task status over long
// polling, each with its connection indicator; a topic of the hub's own
// choosing with the pasted hub token.

import { NOTIFICATION_TYPES, NotificationPanel } from './NotificationPanel.js';
import { ConnectionIndicator } from './ConnectionIndicator.js';
import { EventStream } from './EventStream.js';
import { LongPoll } from './LongPoll.js';
import { PrivateTopicPanel } from './PrivateTopicPanel.js';
import { StockPanel } from './StockPanel.js';
import { TaskPanel } from './TaskPanel.js';
import { ToastShelf } from './ToastShelf.js';
import { WebSocketStream } from './WebSocketStream.js';

const stocks = new StockPanel(document.getElementById('stocks'));
const notifications = new NotificationPanel(
  document.getElementById('notifications'),
  new ToastShelf(document.querySelector('.toast-shelf')),
);
const tasks = new TaskPanel(document.getElementById('tasks'));
new PrivateTopicPanel(document.getElementById('private'));

// Stocks start from the history the hub holds, so sparklines fill at once.
new EventStream('/events?topic=stocks', {
  indicator: new ConnectionIndicator(document.getElementById('indicator-stocks')),
  fromEventId: '0',
  handlers: {
    stock_update: (quote) => stocks.update(quote),
    market_alert: (alert) => stocks.alert(alert),
  },
}).start();

const notificationHandlers = { connection: (welcome) => notifications.welcome(welcome) };
for (const type of Object.keys(NOTIFICATION_TYPES))
  notificationHandlers[type] = (notification) => notifications.add(notification);
// Notifications start from the history the hub holds too: the stream replays it
// before going live, on one connection, so nothing shows twice.
const notificationOptions = {
  indicator: new ConnectionIndicator(document.getElementById('indicator-notifications')),
  fromEventId: '0',
  handlers: notificationHandlers,
  onGap: () => notifications.gap(),
};
// Switching transports resumes after the last notification either one received.
let notificationStream = null;
function streamNotifications(overWebSocket) {
  const fromEventId = notificationStream?.lastEventId ?? notificationOptions.fromEventId;
  notificationStream?.stop();
  const options = { ...notificationOptions, fromEventId };
  notificationStream = overWebSocket
    ? new WebSocketStream(['notifications'], options)
    : new EventStream('/events?topic=notifications', options);
  notificationStream.start();
  document.querySelector('#indicator-notifications .indicator-transport').textContent = overWebSocket
    ? 'WebSocket'
    : 'SSE';
}
const transportToggle = document.querySelector('.transport-toggle input');
transportToggle.checked = localStorage.getItem('feedhub.notifications.websocket') === 'true';
transportToggle.addEventListener('change', () => {
  localStorage.setItem('feedhub.notifications.websocket', String(transportToggle.checked));
  streamNotifications(transportToggle.checked);
});
streamNotifications(transportToggle.checked);

new LongPoll('tasks', {
  indicator: new ConnectionIndicator(document.getElementById('indicator-tasks')),
  onEvent: (event) => {
    if (event.type === 'task_status') tasks.apply(event.data);
  },
  onGap: () => tasks.gap(),
}).run(() => tasks.load());
