import { describe, expect, it } from "vitest";
import { askedFocus, askedSpeakerNames, askedSpeakers, askedTitle, reportsSpeech } from "../../src/answer/question-focus.js";

describe("askedFocus", () => {
  it.each([
    ["What is the population of Kursk?", "population"],
    ["What's the capital of Australia?", "capital"],
    ["What is the speed of light in a vacuum?", "speed"],
    ["Which port did the North Korean troops arrive through?", "port"],
    ["What rations are the soldiers being given?", "rations"],
    ["Which North Korean general commands the troops in Kursk?", "general"],
    ["What did NATO's secretary general say about the North Korean troops?", "general"],
    ["What did the Kremlin spokesman say about the reports?", "spokesman"],
  ])("GIVEN %j THEN the thing asked for is %j", (question, focus) => {
    expect(askedFocus(question)).toBe(focus);
  });

  it.each([
    ["What did Joe Biden say about the troops?", "a name is the unmentioned-names check's to look for"],
    ["What did the Pentagon say about North Korean troops?", "a name"],
    ["What did Kim Jong Un personally say about the deployment?", "a name, after dropping the adverb"],
    ["What kind of pact did the Kremlin seal with Pyongyang?", "the thing asked for comes after 'of'"],
    ["What is the significance of the deployment?", "a generic noun"],
    ["What is the point of sending troops?", "a generic noun"],
    ["Which North Korean official called the war a righteous holy war?", "a generic noun"],
    ["What does the article say about Seoul?", "the article itself"],
    ["What day did Kyiv first report contact?", "a time, left to the answer type"],
    ["What motivates the armed Ukrainians?", "a verb after 'what'"],
    ["What happened in Kursk?", "a verb after 'what'"],
    ["What is Poland calling on NATO to do?", "no 'the … of' after 'what is'"],
    ["How many troops are in Kursk?", "not a what or which question"],
    ["What did they say?", "a pronoun, not a thing"],
    ["Which of the two Koreas has the stronger army?", "a choice among things named later"],
    ["What else is it paying to get recruits?", "'else' names nothing"],
    ["What do South Korean spies think?", "a group of speakers goes by many names"],
  ])("GIVEN %j THEN no thing is named (%s)", (question) => {
    expect(askedFocus(question)).toBeUndefined();
  });

  describe("GIVEN a generic noun with a word before it", () => {
    const compounds = new Set(["boiling point", "turning point", "speed of light"]);
    const isCompound = (words: readonly string[]): boolean => compounds.has(words.join(" "));

    it("WHEN the two are one noun to the dictionary THEN the compound is the thing asked for", () => {
      expect(askedFocus("What is the boiling point of water?", isCompound)).toBe("boiling point");
      expect(askedFocus("What was the turning point of the war?", isCompound)).toBe("turning point");
    });

    it("WHEN the words around 'of' are one noun to the dictionary THEN that noun is the thing asked for", () => {
      expect(askedFocus("What is the speed of light in a vacuum?", isCompound)).toBe("speed of light");
      expect(askedFocus("What is the speed of sound in water?", isCompound)).toBe("speed");
    });

    it("WHEN they are not, or no dictionary is given THEN no thing is named", () => {
      expect(askedFocus("What is the main point of the deployment?", isCompound)).toBeUndefined();
      expect(askedFocus("What is the boiling point of water?")).toBeUndefined();
    });
  });
});

describe("askedSpeakerNames", () => {
  it.each([
    ["What did Japan's prime minister say about the troops?", ["Japan"]],
    ["What did Kim Jong Un personally say about the deployment?", ["Kim Jong Un"]],
    ["What did NATO's Stoltenberg say?", ["NATO", "Stoltenberg"]],
    ["What did the Pentagon say about North Korean troops?", ["Pentagon"]],
    ["What did the Kremlin spokesman say?", ["Kremlin"]],
    ["What do South Korean intelligence assessments say North Korea is seeking?", ["South Korean"]],
  ])("GIVEN %j THEN the speaker's names are %j", (question, names) => {
    expect(askedSpeakerNames(question)).toEqual(names);
  });

  it.each([
    "What did the spokesman say?",
    "What does the article say about Seoul?",
    "What did Putin do in June?",
    "Why did Biden say that?",
  ])("GIVEN %j THEN no named speaker is asked about", (question) => {
    expect(askedSpeakerNames(question)).toEqual([]);
  });
});

describe("askedSpeakers", () => {
  it.each([
    ["What did the Pentagon say about North Korean troops?", ["Pentagon"]],
    ["How big is the North Korean contingent according to Washington?", ["Washington"]],
    ["According to Seoul's spies, what does Pyongyang want from Moscow?", ["Seoul"]],
    ["Should Kyiv hit back at Kim's soldiers, according to the US president?", []],
    ["Who would win a war between the Koreas, according to the article?", []],
    ["Why is Pyongyang sending troops?", []],
    // A title's full stop does not end the source, nor do initials; the question after the source is not part of it.
    ["How many troops went, according to Mr. Biden?", ["Biden"]],
    ["according to the U.S., how many troops went?", ["US"]],
    ["According to Budanov what is Kim getting out of this", ["Budanov"]],
  ])("GIVEN %j THEN the speakers asked about are %j", (question, names) => {
    expect(askedSpeakers(question)).toEqual(names);
  });
});

describe("askedTitle", () => {
  it.each([
    ["Should Kyiv hit back at Kim's soldiers, according to the US president?", "president"],
    ["According to the foreign minister, what kind of war is Russia fighting?", "minister"],
    ["What worries Washington, according to a Pentagon spokesman?", "spokesman"],
    ["What did the US president say when asked about hitting back?", "president"],
    ["What did Japan's prime minister say about the troops?", "minister"],
    ["According to the U.S. government, how many North Korean soldiers have been sent?", "government"],
  ])("GIVEN %j THEN the answer is attributed to a %j", (question, title) => {
    expect(askedTitle(question)).toBe(title);
  });

  it.each([
    "How big is the North Korean contingent according to Washington?",
    "According to Seoul's spies, what is Kim getting out of this deal?",
    "Who would win a conventional war between the Koreas, according to the article?",
    "What did the US say, according to officials?",
    "how many of the biggest US corporations paid no federal tax, according to biden 2021",
    "What did the Pentagon say about the troops?",
    "What did South Korean intelligence officials say?",
  ])("GIVEN %j THEN no title is attributed", (question) => {
    expect(askedTitle(question)).toBeUndefined();
  });
});

describe("reportsSpeech", () => {
  it.each([
    "When asked, President Joe Biden stated, “If they cross into Ukraine, yes.”",
    "This has established North Korea as the most crucial ally, according to intelligence chief Kyrylo Budanov.",
    "The Pentagon has merely voiced its “increasing concern.”",
    "Xi Jinping cautioned against “adding fuel to the fire”.",
    "The Pentagon's report states that 10,000 soldiers were sent.",
  ])("GIVEN %j THEN it reports speech", (sentence) => {
    expect(reportsSpeech(sentence)).toBe(true);
  });

  it.each([
    "Putin visited Pyongyang, where he solidified a partnership with Kim Jong Un.",
    "North Korea’s foray could lead to intensified pressure on the United States to ease restrictions.",
    "Poland wants NATO member states to shoot down drones over their airspace.",
  ])("GIVEN %j THEN it reports no speech", (sentence) => {
    expect(reportsSpeech(sentence)).toBe(false);
  });
});

