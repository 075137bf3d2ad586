using System.Net;

namespace DiagnosticTests.Tests.Auth;

/// <summary>A refused request says why in the error format of its API, and never shows the service's internals.</summary>
public sealed class RefusalBodyTests : AccountTestBase
{
    /// <summary>Sends one refused request; <paramref name="caller"/> is "anonymous", "bad token" or a role.</summary>
    private static async Task<HttpResponseMessage> Send(string caller, string method, string url)
    {
        using var client = caller switch
        {
            "anonymous" => Anonymous(),
            "bad token" => WithBearer("not.a.jwt"),
            _ => await SignedInAs(caller),
        };
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method == "POST")
        {
            request.Content = System.Net.Http.Json.JsonContent.Create(new { Name = "fever" }, options: Json);
        }

        return await client.SendAsync(request);
    }

    [TestCase("anonymous", "GET", "/odata/Users", HttpStatusCode.Unauthorized)]
    [TestCase("bad token", "GET", "/odata/DiagnosticTests", HttpStatusCode.Unauthorized)]
    [TestCase("Reader", "GET", "/odata/Users", HttpStatusCode.Forbidden)]
    [TestCase("Reader", "POST", "/odata/Tags", HttpStatusCode.Forbidden)]
    [TestCase("Editor", "DELETE", "/odata/Users(1)", HttpStatusCode.Forbidden)]
    public async Task A_refused_odata_request_answers_an_odata_error_without_a_stack_trace(
        string caller, string method, string url, HttpStatusCode expected)
    {
        using var response = await Send(caller, method, url);

        var text = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(expected));
            Assert.That(text, Does.Not.Contain("StackTrace").And.Not.Contain("at DiagnosticTests"));
            Assert.That((await ReadJson(response)).GetProperty("error").GetProperty("code").GetString(), Is.Not.Empty);
        }
    }

    [Test]
    public async Task A_refused_token_request_answers_a_problem_without_a_stack_trace()
    {
        await Register("ada@example.com", "Ada Lovelace");

        using var response = await RequestToken("ada@example.com", "Wrong-passw0rd");

        var text = await response.Content.ReadAsStringAsync();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(text, Does.Not.Contain("StackTrace").And.Not.Contain("at DiagnosticTests"));
            Assert.That((await ReadJson(response)).GetProperty("status").GetInt32(), Is.EqualTo(401));
        }
    }
}
