using Realign.Assist.Redaction;

namespace Realign.Assist.Tests;

public sealed class RedactorTests
{
    private static string Redact(string text, params string[] words) => new Redactor(words).Redact(text);

    [Theory]
    [InlineData("write to anna.berg+notes@example.co.uk today", "anna.berg+notes@example.co.uk", "[EMAIL_1]")]
    [InlineData("cc: x@y.io", "x@y.io", "[EMAIL_1]")]
    [InlineData("call +44 20 7946 0958 now", "7946", "[PHONE_1]")]
    [InlineData("tel +1 (415) 555-2671", "555-2671", "[PHONE_1]")]
    [InlineData("mobile 0176 1234 5678", "1234 5678", "[PHONE_1]")]
    [InlineData("US office 415-555-2671", "415-555-2671", "[PHONE_1]")]
    [InlineData("card 4111 1111 1111 1111 exp 12/29", "4111 1111 1111 1111", "[CARD_1]")]
    [InlineData("5500-0000-0000-0004", "5500-0000-0000-0004", "[CARD_1]")]
    [InlineData("amex 378282246310005", "378282246310005", "[CARD_1]")]
    [InlineData("pay to DE89 3704 0044 0532 0130 00 please", "DE89 3704 0044 0532 0130 00", "[IBAN_1]")]
    [InlineData("GB29NWBK60161331926819", "GB29NWBK60161331926819", "[IBAN_1]")]
    public void EmailsPhonesCardsAndIbans_AreMasked(string text, string secret, string placeholder)
    {
        var redacted = Redact(text);
        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(placeholder, redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("due 2026-12-24 at 14:30")]
    [InlineData("order 12345 of 2026, version 1.2.3")]
    public void DatesTimesAndShortNumbers_AreNotPhones(string text) => Assert.Equal(text, Redact(text));

    [Fact]
    public void ANumberOfCardLengthThatFailsLuhn_IsLeftAlone()
    {
        Assert.False(Redactor.IsCard("4111 1111 1111 1112"));
        Assert.DoesNotContain("[CARD_", Redact("tracking 4111 1111 1111 1112"), StringComparison.Ordinal);
    }

    [Fact]
    public void AnIbanWithWrongCheckDigits_IsNotAnIban() => Assert.False(Redactor.IsIban("DE88 3704 0044 0532 0130 00"));

    [Theory]
    [InlineData("token rlt_AbCdEf0123456789_xyzXYZ")]
    [InlineData("key sk-proj-abcdefghijklmnopqrstuvwx1234")]
    [InlineData("gh: ghp_abcdefghijklmnopqrstuvwxyz0123456789")]
    [InlineData("aws AKIAIOSFODNN7EXAMPLE")]
    [InlineData("jwt eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U")]
    [InlineData("api_key=Zq8-very-secret-value")]
    [InlineData("password: hunter2hunter2")]
    public void KeysTokensAndPasswords_AreMasked(string text)
    {
        var redacted = Redact(text);
        Assert.Contains("[SECRET_1]", redacted, StringComparison.Ordinal);
        foreach (var part in text.Split([' ', '=', ':'], StringSplitOptions.RemoveEmptyEntries).Where(p => p.Length >= 12))
        {
            Assert.DoesNotContain(part, redacted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PrivateKeyBlocks_AreMaskedWhole()
    {
        var text = "here:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\nAAAAAAAB\n-----END OPENSSH PRIVATE KEY-----\nthanks";
        var redacted = Redact(text);
        Assert.Equal("here:\n[PRIVATE_KEY_1]\nthanks", redacted);
    }

    [Fact]
    public void TheTenantsOwnWords_AreMaskedAsWholeWordsInAnyCase()
    {
        var redacted = Redact("Project Falcon ships; falcon-x and falconry stay", "falcon");
        Assert.Equal("Project [WORD_1] ships; [WORD_2]-x and falconry stay", redacted);
    }

    [Fact]
    public void TheSameValue_GetsTheSamePlaceholder_AndRestorePutsEveryValueBack()
    {
        var redactor = new Redactor(["Falcon"]);
        var text = "mail a@b.io and a@b.io, c@d.io about Falcon, card 4111111111111111";
        var redacted = redactor.Redact(text);
        Assert.Equal("mail [EMAIL_1] and [EMAIL_1], [EMAIL_2] about [WORD_1], card [CARD_1]", redacted);
        Assert.Equal(4, redactor.Count);
        Assert.Equal(text, redactor.Restore(redacted));
        Assert.Equal("Dear a@b.io, [EMAIL_9] is unknown", redactor.Restore("Dear [EMAIL_1], [EMAIL_9] is unknown"));
    }

    [Fact]
    public void TextWithNothingPrivate_IsUnchanged()
    {
        const string text = "Pack the tent, buy 3 kg of rice, and call mum on Sunday.";
        Assert.Equal(text, Redact(text));
    }
}
