using DiagnosticTests.Api.Startup;

namespace DiagnosticTests.Api.Commands;

/// <summary>
/// <c>create-admin --email E</c>: the password comes from ADMIN_PASSWORD or standard input, never from the
/// command line, where it would end up in shell history and process listings.
/// </summary>
public static class CreateAdminCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, string[] args, CancellationToken cancellationToken)
    {
        var email = CommandRunner.Option(args, "--email");
        if (string.IsNullOrWhiteSpace(email))
        {
            await Console.Error.WriteLineAsync("Usage: create-admin --email <email>   (password from ADMIN_PASSWORD or standard input)");
            return 2;
        }

        await services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        var password = services.GetRequiredService<IConfiguration>()[AdminBootstrapper.PasswordKey];
        if (string.IsNullOrEmpty(password))
        {
            if (!Console.IsInputRedirected)
            {
                await Console.Out.WriteAsync("Password: ");
            }

            password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r', '\n');
        }

        var result = await services.GetRequiredService<AdminBootstrapper>().CreateOrPromoteAsync(email, password ?? "", cancellationToken);
        if (!result.Succeeded)
        {
            var reason = result.EmailTaken ? "the email is taken" : string.Join(" ", result.Errors.Select(e => e.ErrorMessage));
            await Console.Error.WriteLineAsync($"Could not create the admin: {reason}");
            return 1;
        }

        await Console.Out.WriteLineAsync($"{result.User!.Email} is an active Admin.");
        return 0;
    }
}
