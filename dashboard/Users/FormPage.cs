using System.Text;
using System.Text.Encodings.Web;

namespace AmpsDevice.Dashboard.Users;

/// <summary>The two pages rendered by the server (sign-in and first-run set-up): a form with its antiforgery token, no script.</summary>
public static class FormPage
{
    public static string Render(string title, string action, string antiforgeryField, string antiforgeryToken, string? message, IEnumerable<(string Name, string Label, string Type, string Value)> fields, string submit, string? note = null)
    {
        var e = HtmlEncoder.Default;
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append("<title>").Append(e.Encode(title)).Append(" · AmpsDevice</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>")
            .Append("<body class=\"form-page\"><main class=\"card form-card\"><h1>").Append(e.Encode(title)).Append("</h1>");
        if (message is not null)
        {
            html.Append("<p class=\"form-error\" role=\"alert\">").Append(e.Encode(message)).Append("</p>");
        }

        if (note is not null)
        {
            html.Append("<p class=\"note\">").Append(e.Encode(note)).Append("</p>");
        }

        html.Append("<form method=\"post\" action=\"").Append(e.Encode(action)).Append("\">")
            .Append("<input type=\"hidden\" name=\"").Append(e.Encode(antiforgeryField)).Append("\" value=\"").Append(e.Encode(antiforgeryToken)).Append("\">");
        foreach (var (name, label, type, value) in fields)
        {
            if (type == "hidden")
            {
                html.Append("<input type=\"hidden\" name=\"").Append(e.Encode(name)).Append("\" value=\"").Append(e.Encode(value)).Append("\">");
                continue;
            }

            html.Append("<label>").Append(e.Encode(label)).Append("<input name=\"").Append(e.Encode(name)).Append("\" type=\"").Append(e.Encode(type))
                .Append("\" value=\"").Append(e.Encode(value)).Append("\" required autocomplete=\"")
                .Append(type == "password" ? "current-password" : "username").Append("\"></label>");
        }

        html.Append("<button type=\"submit\" class=\"primary\">").Append(e.Encode(submit)).Append("</button></form></main></body></html>");
        return html.ToString();
    }
}
