namespace VerzuimBot.Storage;
internal static class AssemblyMarker { }
