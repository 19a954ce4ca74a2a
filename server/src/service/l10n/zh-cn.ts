/**
 * Simplified Chinese for the server's messages (see index.ts). Keys are the English texts exactly as
 * the code writes them; a test checks that every `t('...')` in the server has an entry here.
 * Terms follow VS Code's own Chinese: 端口 (port), 服务 (service), 注册表 (registry), 动态/私有 (Dynamic/Private).
 */
export const ZH_CN: Readonly<Record<string, string>> = {
  // Hover cards: registry rows.
  'no port': '无端口',
  'any protocol': '任意协议',
  'name only, no port': '仅名称，无端口',
  'Unassigned': '未分配',
  'unnamed': '未命名',
  'Assignee: {0}': '分配对象：{0}',
  'Contact: {0}': '联系人：{0}',
  'Registered {0}': '注册于 {0}',
  'Modified {0}': '修改于 {0}',
  'Service code {0}': '服务代码 {0}',
  'full note at IANA': 'IANA 上的完整说明',
  'Note: {0}': '说明：{0}',
  '**Unauthorized use reported:** {0}': '**已报告未经授权的使用：** {0}',
  'IANA registry as of {0}': 'IANA 注册表，截至 {0}',
  'IANA names as of {0}': 'IANA 名称截至 {0}',
  '{0}; details as of {1}': '{0}；详细信息截至 {1}',
  // Hover cards: heading and sections.
  '**Port {0}**': '**端口 {0}**',
  '{0} URL': '{0} URL',
  'System port (0-1023)': '系统端口 (0-1023)',
  'User port (1024-49151)': '用户端口 (1024-49151)',
  'Dynamic/Private port (49152-65535)': '动态/私有端口 (49152-65535)',
  'Not a valid port (0-65535)': '无效端口 (0-65535)',
  '**Common practice** (not IANA): {0}': '**常见用法**（非 IANA）：{0}',
  'Documented by {0}': '出处：{0}',
  '**Unassigned**: IANA lists no service on this port.': '**未分配**：IANA 未在此端口登记任何服务。',
  'IANA registered service:': 'IANA 注册的服务：',
  'IANA registered services:': 'IANA 注册的服务：',
  'Also {0}': '另有 {0}',
  'IANA registry entry': 'IANA 注册表条目',
  '**Service {0}**': '**服务 {0}**',
  'IANA lists no service by this name.': 'IANA 未登记此名称的服务。',
  'IANA registered port:': 'IANA 注册的端口：',
  'IANA registered ports:': 'IANA 注册的端口：',
  // Hover cards: facts.
  '**`nodePort: 0`** is the same as leaving it out: Kubernetes allocates a node port from its range ({0}–{1} by default).':
    '**`nodePort: 0`** 等同于不写：Kubernetes 会从其范围内分配节点端口（默认 {0}–{1}）。',
  '**`hostPort: 0`** is the same as leaving it out: nothing is published on the node.':
    '**`hostPort: 0`** 等同于不写：不会在节点上发布任何端口。',
  '**Port 0** is not valid for `{0}`: Kubernetes accepts 1–65535.': '**端口 0** 不能用于 `{0}`：Kubernetes 只接受 1–65535。',
  '**Port 0** here asks the operating system for any free port when the program binds (`listen(0)`); the port changes on every start.':
    '此处的**端口 0** 表示程序绑定时由操作系统分配任意空闲端口（`listen(0)`）；每次启动端口都会变化。',
  '**Port 0** as a published port lets the container engine pick a free host port on every start.':
    '**端口 0** 作为发布端口时，容器引擎每次启动都会选择一个空闲的主机端口。',
  '**Port 0** is not a valid destination: a connection to port 0 fails.': '**端口 0** 不是有效的目标：连接端口 0 会失败。',
  '**Port 0** asks the operating system for any free port when a program binds (`listen(0)`); as a destination it is invalid.':
    '**端口 0** 表示程序绑定时由操作系统分配任意空闲端口（`listen(0)`）；作为目标端口则无效。',
  '⛔ **Not a valid port:** TCP and UDP ports run from 0 to 65535.': '⛔ **无效端口：** TCP 和 UDP 端口的范围是 0 到 65535。',
  '**Dynamic/Private range** (49152–65535): IANA never assigns these. This is the address of a server chosen elsewhere; a client has nothing to change here.':
    '**动态/私有范围**（49152–65535）：IANA 从不分配这些端口。这是在别处选定的服务器地址；客户端这里无需修改。',
  '⚠️ **Dynamic/Private range** (49152–65535): IANA never assigns these, and the OS may hand this port to outgoing connections, so this listener can collide with them.':
    '⚠️ **动态/私有范围**（49152–65535）：IANA 从不分配这些端口，操作系统可能把此端口分配给出站连接，因此此监听端口可能与之冲突。',
  '⚠️ **Dynamic/Private range** (49152–65535): IANA never assigns these, and the OS may hand this port to outgoing connections, so a fixed listener here can collide.':
    '⚠️ **动态/私有范围**（49152–65535）：IANA 从不分配这些端口，操作系统可能把此端口分配给出站连接，因此固定在此的监听端口可能冲突。',
  'Inside the Linux ephemeral range ({0}–{1}).': '位于 Linux 临时端口范围内（{0}–{1}）。',
  'Inside the Windows and macOS ephemeral range (49152–65535).': '位于 Windows 和 macOS 临时端口范围内（49152–65535）。',
  'Below 1024: binding it needs root or CAP_NET_BIND_SERVICE on Linux (not inside Docker containers since 20.10).':
    '低于 1024：在 Linux 上绑定需要 root 或 CAP_NET_BIND_SERVICE（自 Docker 20.10 起容器内不需要）。',
  'Below 1024: a container may bind it without privileges (Docker since 20.10 lowers `ip_unprivileged_port_start` to 0 inside containers).':
    '低于 1024：容器可以无特权绑定（Docker 自 20.10 起在容器内将 `ip_unprivileged_port_start` 降为 0）。',
  'Below 1024 on the host: Docker publishes it as root; rootless Docker and Podman need `net.ipv4.ip_unprivileged_port_start` lowered.':
    '主机上低于 1024：Docker 以 root 身份发布；无 root 的 Docker 和 Podman 需要调低 `net.ipv4.ip_unprivileged_port_start`。',
  '🚫 **Blocked by browsers:** Chrome, Firefox and Safari refuse HTTP(S) and WebSocket URLs on this port (Fetch "bad port", ERR_UNSAFE_PORT).':
    '🚫 **被浏览器阻止：** Chrome、Firefox 和 Safari 拒绝此端口上的 HTTP(S) 和 WebSocket URL（Fetch “bad port”，ERR_UNSAFE_PORT）。',
  '🚫 **Browsers refuse this port:** a dev server here cannot be opened in Chrome, Firefox or Safari (Fetch "bad port", ERR_UNSAFE_PORT).':
    '🚫 **浏览器拒绝此端口：** 此处的开发服务器无法在 Chrome、Firefox 或 Safari 中打开（Fetch “bad port”，ERR_UNSAFE_PORT）。',
  // Server messages.
  'IANA Ports shows the first {0} of {1} port problems in this file; run `iana-ports check` for all of them.':
    'IANA Ports 仅显示此文件 {1} 个端口问题中的前 {0} 个；运行 `iana-ports check` 查看全部。',
  'IANA Ports could not check this file for ports within its time and memory bounds ({0}); edit it or reopen it to try again.':
    'IANA Ports 未能在其时间和内存限制内检查此文件中的端口（{0}）；编辑或重新打开此文件以重试。',
  // Inlay hints.
  'common practice': '常见用法',
};
