using System.Globalization;
using AmpsDevice.Protocol.Envelope;
using ScottPlot;
using SkiaSharp;

namespace AmpsDevice.FirmwareHost.Sessions.Records.Export;

/// <summary>
/// <c>export --chart</c>: a session at a glance for a therapist. Four panels share the time axis: pad
/// temperatures (with the 32 °C neutral line), vibration amplitude, pressure force, and pain ratings (with the
/// profile's pain stop level). Every panel shades the steps and greys the paused time; pauses, stops, safety trips, withdrawals and
/// patient stops are vertical lines, labelled in the top panel. Drawn with ScottPlot on SkiaSharp, headless:
/// PNG or SVG by the file's extension.
/// </summary>
public static class SessionChart
{
    public const int Width = 1600;

    private const int TitleHeight = 56;
    private const int LeftAxisPx = 80;
    private static readonly int[] PanelHeights = [420, 200, 200, 170];

    private static readonly Color[] PadColors = [Colors.OrangeRed, Colors.RoyalBlue, Colors.DarkGreen, Colors.Purple];
    private static readonly Color[] ChannelColors = [Colors.Teal, Colors.DarkOrange, Colors.SlateBlue, Colors.Brown];

    /// <summary>Height of the whole image, px.</summary>
    public static int Height => TitleHeight + PanelHeights.Sum();

    /// <summary>Writes the chart to <paramref name="path"/>: <c>.png</c> or <c>.svg</c>.</summary>
    public static void Save(SessionExport export, string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".png" or ".svg"))
        {
            throw new ArgumentException($"{path}: the chart must be a .png or .svg file", nameof(path));
        }

        // Skia's SVG canvas cannot write dash patterns (it warns on stderr and draws them solid): solid lines there.
        var plots = Panels(export, dashes: extension == ".png");
        using var stream = File.Create(path);
        if (extension == ".svg")
        {
            using var svg = SKSvgCanvas.Create(new SKRect(0, 0, Width, Height), stream);
            Draw(svg, export, plots);
        }
        else
        {
            using var surface = SKSurface.Create(new SKImageInfo(Width, Height)) ?? throw new InvalidOperationException("SkiaSharp could not create a surface");
            Draw(surface.Canvas, export, plots);
            using var image = surface.Snapshot();
            using var png = image.Encode(SKEncodedImageFormat.Png, 100);
            png.SaveTo(stream);
        }
    }

    private static void Draw(SKCanvas canvas, SessionExport export, Plot[] plots)
    {
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(SKTypeface.Default, 22);
        using var subtitleFont = new SKFont(SKTypeface.Default, 15);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grey = new SKPaint { Color = new SKColor(90, 90, 90), IsAntialias = true };
        var s = export.Session;
        canvas.DrawText($"{s.ProfileName} — patient {s.PatientId}", LeftAxisPx, 26, titleFont, ink);
        var plan = s.PlanId is null ? "" : $"  ·  plan {s.PlanId} level {s.PlanLevel}";
        canvas.DrawText(
            string.Create(CultureInfo.InvariantCulture,
                $"session {s.SessionId}  ·  {s.StartedAt:yyyy-MM-dd HH:mm} UTC  ·  {Minutes(s.DurationS ?? LastTime(export))}  ·  {s.Outcome}{(s.Reason is null ? "" : $" ({s.Reason})")}{plan}"),
            LeftAxisPx, 48, subtitleFont, grey);
        var top = TitleHeight;
        for (var i = 0; i < plots.Length; i++)
        {
            // Each plot fills its figure background over the whole canvas: clip it to its own panel.
            canvas.Save();
            canvas.ClipRect(new SKRect(0, top, Width, top + PanelHeights[i]));
            plots[i].Render(canvas, new PixelRect(0, Width, top + PanelHeights[i], top));
            canvas.Restore();
            top += PanelHeights[i];
        }
    }

    private static Plot[] Panels(SessionExport export, bool dashes)
    {
        var samples = export.Samples;
        var t = samples.Rows.Select(r => r[0]).ToArray();
        var end = Math.Max(LastTime(export), 1);
        var channels = samples.Channels;

        var temperature = NewPanel("Pad temperature (°C)");
        var neutral = temperature.Add.HorizontalLine(AbsoluteLimits.NeutralC);
        neutral.LineStyle.Pattern = Dash(dashes);
        neutral.LineStyle.Width = 1;
        neutral.Color = Colors.Gray;
        neutral.LegendText = "neutral 32 °C";
        for (var i = 0; i < channels.Pads.Count; i++)
        {
            AddLine(temperature, t, Column(samples, $"{channels.Pads[i]}.measuredC"), PadColors[i % PadColors.Length], $"{channels.Pads[i]} measured");
            var safety = AddLine(temperature, t, Column(samples, $"{channels.Pads[i]}.safetyC"), PadColors[i % PadColors.Length], $"{channels.Pads[i]} safety sensor");
            safety.LineStyle.Pattern = dashes ? LinePattern.Dotted : LinePattern.Solid;
            safety.LineWidth = dashes ? 2 : 1;
        }

        var (low, high) = Range(samples, channels.Pads.SelectMany(p => new[] { $"{p}.measuredC", $"{p}.safetyC" }));
        temperature.Axes.SetLimitsY(Math.Min(low, AbsoluteLimits.NeutralC) - 1.5, Math.Max(high, AbsoluteLimits.NeutralC) + 1.5);

        var vibration = NewPanel("Vibration (0–1)");
        for (var i = 0; i < channels.Vibration.Count; i++)
        {
            AddLine(vibration, t, Column(samples, $"{channels.Vibration[i]}.amplitude"), ChannelColors[i % ChannelColors.Length], channels.Vibration[i]);
        }

        vibration.Axes.SetLimitsY(-0.05, 1.05);

        var pressure = NewPanel("Pressure (N)");
        for (var i = 0; i < channels.Pressure.Count; i++)
        {
            AddLine(pressure, t, Column(samples, $"{channels.Pressure[i]}.forceN"), ChannelColors[i % ChannelColors.Length], channels.Pressure[i]);
        }

        var (_, maxForce) = Range(samples, channels.Pressure.Select(p => $"{p}.forceN"));
        pressure.Axes.SetLimitsY(-1, Math.Max(5, maxForce * 1.15));

        var pain = NewPanel("Pain (0–10)");
        if (export.Profile.TryGetProperty("painStopAt", out var stopAt) && stopAt.TryGetInt32(out var painStop))
        {
            var line = pain.Add.HorizontalLine(painStop);
            line.LineStyle.Pattern = Dash(dashes);
            line.Color = Colors.Crimson.WithAlpha(0.7);
            line.LegendText = $"pauses at {painStop}";
        }

        if (export.PainRatings.Count > 0)
        {
            var ratings = pain.Add.ScatterPoints(export.PainRatings.Select(p => p.AtS).ToArray(), export.PainRatings.Select(p => (double)p.Value).ToArray());
            ratings.MarkerSize = 12;
            ratings.MarkerShape = MarkerShape.FilledDiamond;
            ratings.Color = Colors.Crimson;
            ratings.LegendText = "pain rating";
            foreach (var p in export.PainRatings)
            {
                var label = pain.Add.Text(p.Value.ToString(CultureInfo.InvariantCulture), p.AtS, p.Value + 0.6);
                label.LabelFontSize = 13;
                label.LabelBold = true;
                label.LabelFontColor = Colors.Crimson;
                label.LabelAlignment = Alignment.LowerCenter;
            }
        }

        pain.Axes.SetLimitsY(-0.5, 11.5);
        pain.Axes.Bottom.Label.Text = "Time from session start (s)";
        pain.Axes.Bottom.Label.FontSize = 15;

        Plot[] panels = [temperature, vibration, pressure, pain];
        foreach (var panel in panels)
        {
            MarkSteps(panel, export, panel == temperature);
            MarkPauses(panel, export, panel == temperature);
            MarkEvents(panel, export, panel == temperature, dashes);
            panel.Axes.SetLimitsX(0, end * 1.01);
            panel.ShowLegend(panel == temperature ? Alignment.LowerRight : Alignment.UpperRight);
            panel.Legend.FontSize = 12;
        }

        return panels;
    }

    private static LinePattern Dash(bool dashes) => dashes ? LinePattern.Dashed : LinePattern.Solid;

    private static Plot NewPanel(string yLabel)
    {
        var plot = new Plot();
        plot.Axes.Left.Label.Text = yLabel;
        plot.Axes.Left.Label.FontSize = 14;
        plot.Axes.Left.LockSize(LeftAxisPx);
        plot.Axes.Right.LockSize(20);
        plot.Axes.Top.LockSize(8);
        plot.Axes.Bottom.LockSize(48);
        return plot;
    }

    private static ScottPlot.Plottables.Scatter AddLine(Plot plot, double[] t, double[] y, Color color, string legend)
    {
        var line = plot.Add.Scatter(t, y);
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.Color = color;
        line.LegendText = legend;
        return line;
    }

    private static void MarkSteps(Plot plot, SessionExport export, bool label)
    {
        var end = LastTime(export);
        foreach (var step in export.Steps)
        {
            var span = plot.Add.HorizontalSpan(step.StartedAtS, step.EndedAtS ?? end);
            span.FillStyle.Color = (step.Index % 2 == 0 ? Colors.SteelBlue : Colors.GoldenRod).WithAlpha(0.09);
            span.LineStyle.Width = 0;
            if (label)
            {
                var text = plot.Add.Text($"{step.Index + 1}. {step.Name}", step.StartedAtS, plot.Axes.GetLimits().Top);
                text.LabelFontSize = 12;
                text.LabelFontColor = Colors.DimGray;
                text.LabelAlignment = Alignment.UpperLeft;
                text.LabelOffsetX = 3;
                text.LabelOffsetY = 4 + (14 * (step.Index % 2)); // short steps side by side: alternate rows
            }
        }
    }

    /// <summary>Grey over the time the session was paused (a pause until the resume, or the end).</summary>
    private static void MarkPauses(Plot plot, SessionExport export, bool legend)
    {
        double? pausedAt = null;
        var first = true;
        foreach (var e in export.Events)
        {
            if (e.Kind == "session-paused")
            {
                pausedAt ??= e.AtS;
            }
            else if (pausedAt is { } from && e.Kind is "session-resumed" or "session-stopped" or "safety-stop" or "session-completed" or "session-interrupted")
            {
                var span = plot.Add.HorizontalSpan(from, e.AtS);
                span.FillStyle.Color = Colors.Gray.WithAlpha(0.22);
                span.LineStyle.Width = 0;
                if (legend && first)
                {
                    span.LegendText = "paused";
                }

                first = false;
                pausedAt = null;
            }
        }
    }

    private static void MarkEvents(Plot plot, SessionExport export, bool label, bool dashes)
    {
        var top = plot.Axes.GetLimits().Top;
        var row = 0;
        foreach (var e in export.Events)
        {
            var (color, name) = e.Kind switch
            {
                "session-paused" => (Colors.GoldenRod, "pause"),
                "session-resumed" => (Colors.SeaGreen, "resume"),
                "session-stopped" => (Colors.Black, "stop"),
                "safety-trip" => (Colors.Red, $"safety trip: {e.Rule} {e.Target}".TrimEnd()),
                "safety-stop" => (Colors.Red, "safety stop"),
                "withdrawal" => (Colors.DarkViolet, $"withdrawal {e.Target}".TrimEnd()),
                "patient-stop" => (Colors.DarkViolet, "patient stop"),
                "estop" => (Colors.Red, "E-stop"),
                "session-interrupted" => (Colors.Gray, "interrupted"),
                "alarm-acknowledged" => (Colors.SlateGray, "alarm acknowledged"),
                _ => (Colors.Transparent, ""),
            };
            if (name.Length == 0)
            {
                continue;
            }

            var line = plot.Add.VerticalLine(e.AtS);
            line.Color = color.WithAlpha(0.8);
            line.LineWidth = 1.5f;
            line.LinePattern = Dash(dashes);
            if (label)
            {
                // Below the step names, in three staggered rows so that events close in time stay legible.
                var text = plot.Add.Text(name, e.AtS, top);
                text.LabelFontSize = 12;
                text.LabelFontColor = Colors.White;
                text.LabelBackgroundColor = color.WithAlpha(0.85);
                var nearEnd = e.AtS > LastTime(export) * 0.8;
                text.LabelAlignment = nearEnd ? Alignment.UpperRight : Alignment.UpperLeft;
                text.LabelOffsetX = nearEnd ? -2 : 2;
                text.LabelOffsetY = 36 + (20 * (row++ % 3));
            }
        }
    }

    private static double[] Column(SampleTable samples, string name)
    {
        var c = samples.Column(name);
        return samples.Rows.Select(r => r[c]).ToArray();
    }

    private static (double Low, double High) Range(SampleTable samples, IEnumerable<string> columns)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var name in columns)
        {
            var c = samples.Column(name);
            foreach (var row in samples.Rows)
            {
                if (double.IsFinite(row[c]))
                {
                    low = Math.Min(low, row[c]);
                    high = Math.Max(high, row[c]);
                }
            }
        }

        return double.IsFinite(low) ? (low, high) : (0, 1);
    }

    private static double LastTime(SessionExport export) =>
        Math.Max(export.Samples.Rows.Count > 0 ? export.Samples.Rows[^1][0] : 0, export.Events.Count > 0 ? export.Events[^1].AtS : 0);

    private static string Minutes(double seconds) =>
        string.Create(CultureInfo.InvariantCulture, $"{(int)(seconds / 60)} min {seconds % 60:00} s");
}
