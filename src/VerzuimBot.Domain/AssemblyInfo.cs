namespace VerzuimBot.Domain;
internal static class AssemblyMarker { }
