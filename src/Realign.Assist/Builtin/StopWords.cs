using System.Collections.Frozen;

namespace Realign.Assist.Builtin;

/// <summary>Words too common to say what a note is about: English, with the commonest German, French and Spanish ones,
/// and the task markers <c>todo</c> and <c>fixme</c>.</summary>
/// <remarks>Only words of three letters or more matter, since shorter words are never counted. Words that are common
/// in one of these languages but carry meaning in English (<c>war</c>, <c>son</c>, <c>era</c>) are left out.</remarks>
internal static class StopWords
{
    private const string English =
        "about above across after again against all almost along already also although always among and another any anybody anyone " +
        "anything anyway anywhere are aren around because been before being below between both but can cannot could couldn did didn " +
        "does doesn doing don done down during each either else enough even ever every everyone everything few for from further get " +
        "gets getting got had hadn has hasn have haven having her here hers herself him himself his how however into isn its itself " +
        "just least less let like made make makes many may maybe might mine more most much must myself near need needs never new next " +
        "nor not nothing now off often once one only onto other others otherwise our ours ourselves out over own per perhaps please " +
        "quite rather really same several shall she should shouldn since some somebody someone something sometimes still such than " +
        "that the their theirs them themselves then there these they thing things this those though through thus till too toward " +
        "towards under unless until upon use used uses using very via was wasn way well were weren what whatever when whenever where " +
        "whether which while who whoever whole whom whose why will with within without won would wouldn yes yet you your yours " +
        "yourself yourselves etc";

    private const string German =
        "aber alle allem allen aller alles als also andere anderen auch auf aus bei beim bin bis bist bitte damit dann das dass dein " +
        "deine dem den denn der des dich die dies diese diesem diesen dieser dieses dir doch dort durch ein eine einem einen einer " +
        "eines einfach euch euer eure für gegen hab habe haben hat hatte hatten hier ich ihm ihn ihnen ihr ihre ihren immer ist jetzt " +
        "kann kein keine keinen können man mehr mein meine mich mir mit muss müssen nach nein nicht noch nun nur oder ohne schon sehr " +
        "sein seine seinen sich sie sind soll sollte über um und uns unser unsere unter viel vom von vor waren warum was weil weiter wenn wer " +
        "werden wie wieder wir wird wurde wurden zum zur zwischen";

    private const string French =
        "alors aux avait avec avoir ces cette comme dans des donc elle elles encore est été être eux fait faire ils les leur leurs " +
        "lui mais mes moi mon même nos notre nous par pas peu peut plus pour quand que quel quelle qui sans ses sont sous sur " +
        "tes toi ton tous tout toute toutes très une vos votre vous";

    private const string Spanish =
        "algo algunos ante antes aquí así cada como con contra cual cuando del desde donde dos ella ellas ellos entre esa ese eso " +
        "esta está están este esto estos fue hace hacer hay las les los más mismo muy nada nos nosotros otra otro para pero poco " +
        "por porque puede qué que sea ser sido sin sobre sus también tan tiene todo todos una uno unos usted vosotros";

    private const string Markers = "todo fixme";

    private static readonly FrozenSet<string> All =
        string.Join(' ', English, German, French, Spanish, Markers)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>True when the lower-case <paramref name="word"/> is a stop word.</summary>
    public static bool Contains(string word) => All.Contains(word);
}
