namespace Realign.Server; internal static class Placeholder;
