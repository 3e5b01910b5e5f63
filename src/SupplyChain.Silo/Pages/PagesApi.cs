using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace SupplyChain.Silo.Pages;

/// <summary>
/// The web pages: <c>/track/{trackingNumber}</c> for customers, <c>/ops</c> for operations, and
/// their scripts, styles and map data under <c>/assets</c>. The HTML is public; what the pages
/// read from the API is guarded by the API itself.
/// </summary>
internal static class PagesApi
{
    /// <summary>Where the front end's files are served.</summary>
    public const string AssetsPath = "/assets";

    public static WebApplication MapPages(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = PageShells.Files,
            RequestPath = AssetsPath,
            // Unversioned URLs: let the browser keep a copy but check it (a 304 is cheap) so a new build shows at once.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        var pages = app.MapGroup("").WithTags("Pages").ExcludeFromDescription();
        // Any tracking number gets the page: it asks the API and says so kindly when the number is unknown.
        pages.MapGet("/track/{trackingNumber}", Track).WithName("TrackPage");
        pages.MapGet("/ops", Ops).WithName("OpsPage");
        return app;
    }

    private static ContentHttpResult Track(PageShells shells, HttpResponse response) => Page(shells.Track, response);

    private static ContentHttpResult Ops(PageShells shells, HttpResponse response) => Page(shells.Ops, response);

    private static ContentHttpResult Page(string html, HttpResponse response)
    {
        response.Headers.CacheControl = "no-cache";
        response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        // Only the ops key lives in the page's storage; no other site may frame it.
        response.Headers[HeaderNames.XFrameOptions] = "DENY";
        response.Headers["Referrer-Policy"] = "same-origin";
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }
}
