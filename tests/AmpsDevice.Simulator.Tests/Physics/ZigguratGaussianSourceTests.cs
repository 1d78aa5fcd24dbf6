using AmpsDevice.Simulator.Physics;
using Xunit.Abstractions;

namespace AmpsDevice.Simulator.Tests.Physics;

public class ZigguratGaussianSourceTests
{
    private const int Draws = 1_000_000;
    private readonly ITestOutputHelper _out;

    public ZigguratGaussianSourceTests(ITestOutputHelper output) => _out = output;

    private static double[] Deviates(int seed, int count = Draws)
    {
        var source = new ZigguratGaussianSource(new Random(seed));
        var deviates = new double[count];
        for (var i = 0; i < count; i++)
        {
            deviates[i] = source.Next();
        }

        return deviates;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void A_million_deviates_have_the_moments_and_the_tails_of_the_standard_normal(int seed)
    {
        // Bounds of five standard errors for n = 10^6: the mean's 0.001, the variance's √(2/n), the kurtosis's √(24/n).
        var x = Deviates(seed);
        double mean = x.Average();
        double variance = x.Average(d => (d - mean) * (d - mean));
        double skewness = x.Average(d => Math.Pow(d - mean, 3)) / Math.Pow(variance, 1.5);
        double kurtosis = x.Average(d => Math.Pow(d - mean, 4)) / (variance * variance);
        _out.WriteLine($"mean {mean:F5}, variance {variance:F5}, skewness {skewness:F4}, kurtosis {kurtosis:F4}");
        Assert.InRange(mean, -0.005, 0.005);
        Assert.InRange(variance, 1 - (5 * Math.Sqrt(2.0 / Draws)), 1 + (5 * Math.Sqrt(2.0 / Draws)));
        Assert.InRange(skewness, -5 * Math.Sqrt(6.0 / Draws), 5 * Math.Sqrt(6.0 / Draws));
        Assert.InRange(kurtosis, 3 - (5 * Math.Sqrt(24.0 / Draws)), 3 + (5 * Math.Sqrt(24.0 / Draws)));

        // The shares beyond ±1, ±2, ±3 and past the ziggurat's base layer (3.4426: only the tail algorithm reaches
        // there), each within five binomial standard errors of the normal's.
        (double Beyond, double Share)[] tails = [(1.0, 0.31731051), (2.0, 0.04550026), (3.0, 0.00269980), (3.442619855899, 0.00057611)];
        foreach (var (beyond, share) in tails)
        {
            double observed = x.Count(d => Math.Abs(d) > beyond) / (double)Draws;
            double bound = 5 * Math.Sqrt(share * (1 - share) / Draws);
            _out.WriteLine($"|x| > {beyond}: {observed:F6} (normal {share:F6} ± {bound:F6})");
            Assert.InRange(observed, share - bound, share + bound);
        }

        // Each half as often as the other: the sign is drawn with the position.
        Assert.InRange(x.Count(d => d > 0) / (double)Draws, 0.5 - (5 * 0.0005), 0.5 + (5 * 0.0005));
    }

    [Fact]
    public void Successive_deviates_are_uncorrelated()
    {
        var x = Deviates(3);
        double lag1 = x.Zip(x.Skip(1), (a, b) => a * b).Average();
        Assert.InRange(lag1, -0.005, 0.005);
    }

    [Fact]
    public void The_same_seed_gives_the_same_deviates_and_another_seed_others()
    {
        Assert.Equal(Deviates(11, 10_000), Deviates(11, 10_000));
        Assert.NotEqual(Deviates(11, 10_000), Deviates(12, 10_000));
    }
}
