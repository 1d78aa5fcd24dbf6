using System.Collections.Concurrent;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using AmpsDevice.Dashboard.Hosting;

namespace AmpsDevice.Dashboard.Devices;

/// <summary>Who an update is for: the clinic view (every device's summary) or the console of one device.</summary>
[Flags]
public enum Audience
{
    Clinic = 1,
    Console = 2,
    Everyone = Clinic | Console,
}

/// <summary>
/// Fans updates out to the open pages' Server-Sent Event streams. Each page has a bounded queue; a page that
/// cannot keep up loses its oldest updates, never slows the MQTT client or another page (every state update is
/// a whole state, so the next one repairs a gap; a lost telemetry batch is a gap in the chart).
/// </summary>
public sealed class LiveFeed
{
    public const int QueueCapacity = 512;

    private readonly ConcurrentDictionary<Subscriber, byte> _subscribers = new();

    public int SubscriberCount => _subscribers.Count;

    public void Publish(string eventType, string? deviceId, object payload, Audience audience)
    {
        if (_subscribers.IsEmpty)
        {
            return;
        }

        var item = Item(eventType, payload);
        foreach (var subscriber in _subscribers.Keys)
        {
            var wanted = subscriber.DeviceId is null
                ? audience.HasFlag(Audience.Clinic)
                : audience.HasFlag(Audience.Console) && (deviceId is null || deviceId == subscriber.DeviceId);
            if (wanted)
            {
                subscriber.Queue.Writer.TryWrite(item);
            }
        }
    }

    /// <summary>A page's stream: <paramref name="first"/> (its starting state), then every update for it, until the page goes.</summary>
    public async IAsyncEnumerable<SseItem<string>> StreamAsync(string? deviceId, Func<SseItem<string>> first, [EnumeratorCancellation] CancellationToken ct)
    {
        var subscriber = new Subscriber(deviceId);
        _subscribers.TryAdd(subscriber, 0);
        try
        {
            // Subscribed before the snapshot is taken: nothing that happens in between is missed.
            yield return first();
            while (await subscriber.Queue.Reader.WaitToReadAsync(ct).ConfigureAwait(false))
            {
                while (subscriber.Queue.Reader.TryRead(out var item))
                {
                    yield return item;
                }
            }
        }
        finally
        {
            _subscribers.TryRemove(subscriber, out _);
        }
    }

    /// <summary>One event of a stream: <paramref name="payload"/> as JSON, its type one of <see cref="DashboardJsonContext"/>'s.</summary>
    public static SseItem<string> Item(string eventType, object payload) =>
        new(JsonSerializer.Serialize(payload, payload.GetType(), DashboardJsonContext.Default), eventType);

    private sealed class Subscriber(string? deviceId)
    {
        public string? DeviceId { get; } = deviceId;

        public Channel<SseItem<string>> Queue { get; } = Channel.CreateBounded<SseItem<string>>(
            new BoundedChannelOptions(QueueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
    }
}
