# Configuration file for jupyter-notebook (shared research server).
import os

c = get_config()  # noqa: F821

c.NotebookApp.ip = "0.0.0.0"
c.NotebookApp.port = 8888
c.NotebookApp.port_retries = 50
c.NotebookApp.open_browser = False
c.NotebookApp.base_url = "/lab-7/"
c.NotebookApp.allow_origin = "https://hub.example.com:8443"
c.NotebookApp.iopub_data_rate_limit = 1.0e10
c.NotebookApp.max_buffer_size = 536870912
c.NotebookApp.tornado_settings = {
    "headers": {
        "Content-Security-Policy": "frame-ancestors 'self' http://localhost:8000",
    }
}

# Jupyter Server 2.x reads these instead.
c.ServerApp.port = int(os.environ.get("JUPYTER_PORT", "8888"))
c.ServerApp.shutdown_no_activity_timeout = 3600

c.MappingKernelManager.cull_idle_timeout = 7200
c.MappingKernelManager.cull_interval = 300
c.KernelManager.shutdown_wait_time = 5.0

# Dask dashboard proxied through jupyter-server-proxy
c.ServerProxy.servers = {
    "dask": {
        "command": ["dask", "scheduler", "--dashboard-address", ":8787", "--port", "8786"],
        "port": 8787,
        "timeout": 30,
    }
}
