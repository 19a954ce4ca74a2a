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
  // Rules: the first line says what is wrong, the second why and what to do.
  'Browsers refuse {0}:// URLs on port {1} (a Fetch "bad port").': '浏览器拒绝端口 {1} 上的 {0}:// URL（Fetch “bad port”）。',
  'Chrome reports ERR_UNSAFE_PORT. Serve it on another port, such as 8080.': 'Chrome 会报告 ERR_UNSAFE_PORT。请改用其他端口，例如 8080。',
  'Browsers refuse to open port {0} (a Fetch "bad port").': '浏览器拒绝打开端口 {0}（Fetch “bad port”）。',
  'Chrome reports ERR_UNSAFE_PORT, so this dev server cannot be reached from a browser. Use another port, such as 5173 or 8080.':
    'Chrome 会报告 ERR_UNSAFE_PORT，因此无法从浏览器访问此开发服务器。请改用其他端口，例如 5173 或 8080。',
  '(service {0})': '（服务 {0}）',
  'and {0} more places': '以及另外 {0} 处',
  'and 1 more place': '以及另外 1 处',
  'Host port {0} is published twice in this file.': '主机端口 {0} 在此文件中发布了两次。',
  'Host port {0} is published {1} times in this file ({2} other places).': '主机端口 {0} 在此文件中发布了 {1} 次（另有 {2} 处）。',
  'Docker refuses to start the second container ("port is already allocated"). Publish a different host port or bind another host address.':
    'Docker 会拒绝启动第二个容器（“port is already allocated”）。请发布其他主机端口，或绑定其他主机地址。',
  'also published here: {0}': '此处也发布了：{0}',
  'Port {0} is in the Dynamic/Private range (49152–65535).': '端口 {0} 位于动态/私有范围（49152–65535）。',
  'Operating systems hand these ports out for outgoing connections, so it may be taken when the service starts. Use a fixed port in the User range (1024–49151).':
    '操作系统会把这些端口分配给出站连接，因此服务启动时它可能已被占用。请使用用户范围（1024–49151）内的固定端口。',
  'configured ephemeral range': '所配置的临时端口范围',
  'IANA dynamic range': 'IANA 动态范围',
  'Linux ephemeral range (net.ipv4.ip_local_port_range)': 'Linux 临时端口范围（net.ipv4.ip_local_port_range）',
  'Windows dynamic port range': 'Windows 动态端口范围',
  'macOS ephemeral range': 'macOS 临时端口范围',
  'FreeBSD ephemeral range': 'FreeBSD 临时端口范围',
  'Port {0} is inside the {1}.': '端口 {0} 位于{1}内。',
  'The OS may give it to an outgoing connection before your service binds it. Pick a port outside that range.':
    '在服务绑定之前，操作系统可能已把它分配给出站连接。请选择该范围之外的端口。',
  'Container "{0}" does not declare port {1} that its {2} checks.': '容器“{0}”未声明其 {2} 检查的端口 {1}。',
  'It still works if the container listens there (containerPort is informational).': '如果容器确实在该端口监听，它仍然有效（containerPort 仅供参考）。',
  'Declared: {0}.': '已声明：{0}。',
  'Container "{0}" has no port named "{1}" for its {2}.': '容器“{0}”没有名为“{1}”的端口供其 {2} 使用。',
  'The kubelet cannot resolve the name, so the probe fails.': 'kubelet 无法解析该名称，因此探针会失败。',
  'The container declares no ports.': '该容器未声明任何端口。',
  'The container "{0}" shares the pod\'s network, so only one can listen on it.': '容器“{0}”共享 Pod 的网络，因此只有一个能在该端口监听。',
  'The containers "{0}" and "{1}" share the pod\'s network, so only one can listen on it.': '容器“{0}”和“{1}”共享 Pod 的网络，因此只有一个能在该端口监听。',
  'containerPort {0} is declared twice in this pod.': 'containerPort {0} 在此 Pod 中声明了两次。',
  'first declared here (container "{0}")': '首次在此声明（容器“{0}”）',
  'nodePort {0} is outside the default range {1}-{2}.': 'nodePort {0} 超出默认范围 {1}-{2}。',
  'The API server rejects the Service unless the cluster\'s --service-node-port-range includes it.':
    '除非集群的 --service-node-port-range 包含它，否则 API 服务器会拒绝此 Service。',
  'Port {0} is out of range (0–65535).': '端口 {0} 超出范围（0–65535）。',
  'TCP and UDP ports run from 0 to 65535: nothing can bind or reach it. Choose a port in the User range (1024–49151).':
    'TCP 和 UDP 端口的范围是 0 到 65535：任何程序都无法绑定或访问它。请选择用户范围（1024–49151）内的端口。',
  'is empty': '为空',
  'is {0} characters long (at most {1})': '长度为 {0} 个字符（最多 {1} 个）',
  'has upper-case letters': '包含大写字母',
  'has characters other than a-z, 0-9 and -': '包含 a-z、0-9 和 - 以外的字符',
  'has no letter': '不含字母',
  'has two hyphens in a row': '包含连续两个连字符',
  'starts or ends with a hyphen': '以连字符开头或结尾',
  'Container port name "{0}" {1}.': '容器端口名称“{0}”{1}。',
  'Kubernetes rejects it: a container port name is an IANA service name, at most 15 characters of a-z, 0-9 and -, with a letter, no "--" and no hyphen at an end.':
    'Kubernetes 会拒绝它：容器端口名称是 IANA 服务名称，最多 15 个字符，只能包含 a-z、0-9 和 -，至少有一个字母，不能有“--”，也不能以连字符开头或结尾。',
  'Service port name "{0}" {1}.': 'Service 端口名称“{0}”{1}。',
  'Kubernetes rejects it: a Service port name is a DNS label, at most 63 characters of a-z, 0-9 and -, starting and ending with a letter or digit.':
    'Kubernetes 会拒绝它：Service 端口名称是 DNS 标签，最多 63 个字符，只能包含 a-z、0-9 和 -，且以字母或数字开头和结尾。',
  'Port {0} needs privileges to listen on (below 1024).': '在端口 {0} 上监听需要特权（低于 1024）。',
  'On Linux a non-root process needs root or CAP_NET_BIND_SERVICE to bind it. Use a port of 1024 or above, or grant the capability.':
    '在 Linux 上，非 root 进程需要 root 或 CAP_NET_BIND_SERVICE 才能绑定它。请使用 1024 或以上的端口，或授予该能力。',
  'Port {0} is inside {1}–{2}, which this Windows machine reserves; binding it fails.': '端口 {0} 位于此 Windows 计算机保留的 {1}–{2} 内；绑定会失败。',
  'IANA records unauthorized use of port {0} (registered to {1}).': 'IANA 记录了端口 {0} 的未经授权使用（注册给 {1}）。',
  'IANA records unauthorized use of port {0} (unassigned).': 'IANA 记录了端口 {0} 的未经授权使用（未分配）。',
  'IANA\'s note: "{0}".': 'IANA 的说明：“{0}”。',
  'Another program may already use it; if the port is yours to choose, consider another.': '其他程序可能已在使用它；如果端口可以由你选择，请考虑换一个。',
  'Unquoted mapping {0} reads as the number {1} in YAML 1.1.': '未加引号的映射 {0} 在 YAML 1.1 中会被读作数字 {1}。',
  'YAML 1.1 parsers read it as a base-60 number, not as a port mapping. Quote it: "{0}".': 'YAML 1.1 解析器会把它读作六十进制数字，而不是端口映射。请加上引号："{0}"。',
  // Compose projects across files.
  '{0} other places': '另外 {0} 处',
  '1 other place': '另外 1 处',
  '{0} in {1}': '{1} 中的 {0}',
  'Host port {0} is published twice in Compose project "{1}".': '主机端口 {0} 在 Compose 项目“{1}”中发布了两次。',
  'Host port {0} is published more than once in Compose project "{1}".': '主机端口 {0} 在 Compose 项目“{1}”中发布了多次。',
  'Also by {0}.': '另由 {0} 发布。',
  'Compose merges these files into one project, and Docker fails the second container with "port is already allocated". Publish a different host port, or bind another host address.':
    'Compose 会把这些文件合并为一个项目，Docker 会以“port is already allocated”使第二个容器启动失败。请发布其他主机端口，或绑定其他主机地址。',
  '{0}, in another Compose project': '{0}（位于另一个 Compose 项目中）',
  '(Compose projects are compared because ianaPorts.compose.compareProjects is on.)': '（由于已开启 ianaPorts.compose.compareProjects，会比较各个 Compose 项目。）',
  'Also published by {0}.': '另由 {0} 发布。',
  'Host port {0} is also published by another Compose project.': '主机端口 {0} 也由另一个 Compose 项目发布。',
  'By {0}.': '由 {0} 发布。',
  'Started on the same Docker host, the second fails with "port is already allocated". Publish a different host port, or bind another host address.':
    '在同一 Docker 主机上启动时，第二个会以“port is already allocated”失败。请发布其他主机端口，或绑定其他主机地址。',
  // Kubernetes rules across files.
  'No selected container declares port {0}/{1}.': '所选容器均未声明端口 {0}/{1}。',
  'No selected container has a port named "{0}".': '所选容器均没有名为“{0}”的端口。',
  'Service "{0}" selects {1}: {2}.': 'Service“{0}”选择 {1}：{2}。',
  'containerPort is informational, so this works if the container listens on {0} anyway.': 'containerPort 仅供参考，因此只要容器实际在 {0} 上监听，就仍然有效。',
  'Kubernetes cannot resolve the name, so the Service gets no endpoints.': 'Kubernetes 无法解析该名称，因此此 Service 没有任何端点。',
  '{0} "{1}", container "{2}": containerPort {3}': '{0}“{1}”，容器“{2}”：containerPort {3}',
  'Service "{0}" has no port named "{1}".': 'Service“{0}”没有名为“{1}”的端口。',
  'Service "{0}" does not expose port {1}.': 'Service“{0}”未公开端口 {1}。',
  'Ingress "{0}" sends traffic there, so the controller has no backend.': 'Ingress“{0}”将流量发往该处，因此控制器没有可用的后端。',
  'Service ports: {0}.': 'Service 端口：{0}。',
  'none': '无',
  'Service "{0}": port {1}': 'Service“{0}”：端口 {1}',
  // Kubernetes named ports (hover, rename).
  'containerPort {0} of container "{1}" in {2} "{3}"': '{2}“{3}”中容器“{1}”的 containerPort {0}',
  'port {0} -> targetPort {1} of Service "{2}"': 'Service“{2}”的端口 {0} -> targetPort {1}',
  'port {0} of Service "{1}"': 'Service“{1}”的端口 {0}',
  'no container port of this name is declared where this refers (the selected pods, as far as the workspace shows).':
    '此处引用的位置（所选的 Pod，就工作区所见）未声明此名称的容器端口。',
  'no Service port of this name is declared where this refers (the Service, as far as the workspace shows).':
    '此处引用的位置（该 Service，就工作区所见）未声明此名称的 Service 端口。',
  'and {0} more': '还有 {0} 个',
  'A container port name (IANA service name) is at most 15 characters of a-z, 0-9 and -.': '容器端口名称（IANA 服务名称）最多 15 个字符，只能包含 a-z、0-9 和 -。',
  'A Service port name (DNS label) is at most 63 characters of a-z, 0-9 and -.': 'Service 端口名称（DNS 标签）最多 63 个字符，只能包含 a-z、0-9 和 -。',
  '"{0}" {1}.': '“{0}”{1}。',
  // Quick fixes.
  'Replace {0} with free port {1}': '将 {0} 替换为空闲端口 {1}',
  'Quote the port mapping: "{0}"': '为端口映射加上引号："{0}"',
  'Rename the port to "{0}"': '将端口重命名为“{0}”',
  'Ignore {0} on this line': '在此行忽略 {0}',
  'Add port {0} to ianaPorts.ignorePorts': '将端口 {0} 添加到 ianaPorts.ignorePorts',
  // This machine (hover line and the Ports view's mark).
  'This machine:': '本机：',
  'This machine ({0}):': '本机（{0}）：',
  'as of {0} s ago': '{0} 秒前',
  'as of {0} min ago': '{0} 分钟前',
  '{0} listens on {1}': '{0} 在 {1} 上监听',
  'process {0} listens on {1}': '进程 {0} 在 {1} 上监听',
  'a process this user cannot see (another user\'s, often root\'s) listens on {0}': '当前用户看不到的进程（其他用户的，通常是 root 的）在 {0} 上监听',
  '{0} is inside {1}–{2}, a range Windows excludes from use ({3}; often Hyper-V, WSL or Docker): binding it fails with access denied although nothing shows it in use.':
    '{0} 位于 Windows 排除使用的范围 {1}–{2} 内（{3}；通常由 Hyper-V、WSL 或 Docker 保留）：绑定会因拒绝访问而失败，尽管没有任何工具显示它被占用。',
  '{0} is free; nothing listens on it now.': '{0} 空闲；当前没有程序在其上监听。',
  '{0} is taken by macOS AirPlay Receiver ({1}); turn it off in System Settings › General › AirDrop & Handoff, or use another port.':
    '{0} 被 macOS 隔空播放接收器（{1}）占用；请在“系统设置 › 通用 › 隔空投送与接力”中将其关闭，或使用其他端口。',
  '(and {0} more sockets)': '（另有 {0} 个套接字）',
  '(and 1 more socket)': '（另有 1 个套接字）',
  '{0} is in use now by Docker ({1}): a running container publishes it, this stack\'s own when it is up.':
    '{0} 当前被 Docker（{1}）占用：某个运行中的容器发布了它，若此堆栈正在运行，则是它自己发布的。',
  '{0} is in use now by a root process, as Docker\'s are for published ports: a running container publishes it, this stack\'s own when it is up.':
    '{0} 当前被一个 root 进程占用（Docker 发布端口时即是如此）：某个运行中的容器发布了它，若此堆栈正在运行，则是它自己发布的。',
  '{0} is in use now: {1}{2}.': '{0} 当前已被占用：{1}{2}。',
  'in use now by {0}': '当前被 {0} 占用',
  'in use now': '当前已被占用',
  'reserved by Windows': '被 Windows 保留',
  // Registry commands (the server's part).
  '{0}, so registry {1} stays in use: {2}': '{0}，因此继续使用注册表 {1}：{2}',
  'The registry file cannot be used': '无法使用该注册表文件',
  'The downloaded registry was refused and nothing stored was changed': '下载的注册表被拒绝，已存储的内容均未更改',
  'the request names no downloaded file or no target': '请求未指明下载的文件或目标位置',
  'cannot read {0} {1}: {2}': '无法读取{0} {1}：{2}',
  '{0} {1} is not a regular file': '{0} {1} 不是普通文件',
  '{0} {1} is {2} bytes, more than the {3}-byte limit': '{0} {1} 大小为 {2} 字节，超过 {3} 字节的限制',
  'registry file': '注册表文件',
  'downloaded file': '下载的文件',
  'the download is not a usable IANA registry: {0}': '下载的内容不是可用的 IANA 注册表：{0}',
  'the converted registry would be {0} bytes, more than the {1}-byte limit': '转换后的注册表将为 {0} 字节，超过 {1} 字节的限制',
  // Inlay hints.
  'common practice': '常见用法',
};
