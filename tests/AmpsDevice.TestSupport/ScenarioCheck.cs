namespace AmpsDevice.TestSupport;

/// <summary>
/// The session and scenario that check a scenario plays into every session, in virtual time
/// (Control.Tests' ScenarioSessionsTests) and in the whole service over MQTT (Telemetry.Tests' ScenarioRunTests):
/// step 1 ends at 4 s (the virtual patient rates every step's end); the scripted rating comes at 1 s, pad1's sensor is
/// lost at 6 s.
/// </summary>
public static class ScenarioCheck
{
    public const string Profile = """
        {"schema":"amps.profile/1","name":"Scenario check","painStopAt":10,"steps":[
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.3,"durationS":4,"pattern":"continuous"},
          {"kind":"vibration","channel":"vib1","frequencyHz":120,"amplitude":0.3,"durationS":30,"pattern":"continuous"}]}
        """;

    public const string ScenarioJson = """
        {"events":[
          {"at":1,"patient":"rate-pain","value":2},
          {"at":6,"fault":"sensor-disconnected","target":"pad1"}]}
        """;
}
