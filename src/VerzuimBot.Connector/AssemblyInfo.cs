namespace VerzuimBot.Connector;
internal static class AssemblyMarker { }
