var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.Run();

// WebApplicationFactory<Program> in the tests needs a public entry-point type.
public partial class Program;
