using System.Net;

var builder = WebApplication.CreateBuilder(args);

builder.WebHost.ConfigureKestrel(options =>
{
    options.Listen(IPAddress.Any, 8080);
    options.Limits.MaxRequestBodySize = 65536;
    options.Limits.MaxConcurrentConnections = 60000;
});

builder.Services.AddHttpClient("inventory", c => c.BaseAddress = new Uri("http://inventory.internal:8081/"));

var app = builder.Build();
app.MapGet("/healthz", () => Results.Ok());
app.Urls.Add("http://0.0.0.0:5000");
app.Urls.Add("https://0.0.0.0:5001");
app.Run();
