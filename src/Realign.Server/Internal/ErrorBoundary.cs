using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Realign.Core.Rules;
using Realign.Server.Api;

namespace Realign.Server.Internal;

/// <summary>Turns bad input that escapes a handler into 400/413 problems, and any fault into a 500 problem without details.</summary>
internal sealed partial class ErrorBoundary(RequestDelegate next, ILogger<ErrorBoundary> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex) when (!context.Response.HasStarted)
        {
            var status = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ex.StatusCode : StatusCodes.Status400BadRequest;
            var code = status == StatusCodes.Status413PayloadTooLarge ? RefusalCodes.PayloadTooLarge : ProblemCodes.InvalidRequest;
            await new Problem(status, code, ex.Message).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (JsonException ex) when (!context.Response.HasStarted)
        {
            await Problem.BadRequest(RefusalCodes.InvalidJson, JsonErrors.Describe(ex)).ExecuteAsync(context).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            LogAborted(logger, context.Request.Path.Value ?? "");
        }
#pragma warning disable CA1031 // The outermost boundary: a fault becomes a 500 problem, never a stack trace.
        catch (Exception ex) when (!context.Response.HasStarted)
#pragma warning restore CA1031
        {
            LogFault(logger, ex, context.Request.Method, context.Request.Path.Value ?? "");
            context.Response.Clear();
            await new Problem(StatusCodes.Status500InternalServerError, ProblemCodes.Internal, "the server failed; the fault is in its log").ExecuteAsync(context).ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled fault on {Method} {Path}")]
    private static partial void LogFault(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Request aborted on {Path}")]
    private static partial void LogAborted(ILogger logger, string path);
}
