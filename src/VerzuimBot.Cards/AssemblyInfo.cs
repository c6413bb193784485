namespace VerzuimBot.Cards;
internal static class AssemblyMarker { }
