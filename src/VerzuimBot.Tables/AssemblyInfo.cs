namespace VerzuimBot.Tables;
internal static class AssemblyMarker { }
