import { describe, expect, it } from "vitest";
import { answeringKindFirst, askedOrdinal, askedRate, countedPredicate, expectedAnswer, firstQuestion, offersAnswer, rateUnitsIn, saysTimeRate } from "../../src/answer/answer-type.js";

describe("expectedAnswer", () => {
  it("GIVEN questions that ask for a figure, a time, a place or a person THEN the kind is recognised", () => {
    expect(expectedAnswer("How many soldiers were sent?")).toBe("quantity");
    expect(expectedAnswer("what share of the shells come from Pyongyang")).toBe("quantity");
    expect(expectedAnswer("When did Putin visit?")).toBe("time");
    expect(expectedAnswer("In what month did Putin visit?")).toBe("time");
    expect(expectedAnswer("Where was the summit held?")).toBe("place");
    expect(expectedAnswer("Who leads the army?")).toBe("person");
  });

  it("GIVEN a question how big or large something is THEN a size is expected, which a figure gives", () => {
    expect(expectedAnswer("How big is the North Korean contingent according to Washington?")).toBe("size");
    expect(expectedAnswer("How large is Russia's casualty toll?")).toBe("size");
    // How much something matters, not how big it is.
    expect(expectedAnswer("How big a role does China play?")).toBeUndefined();
    expect(offersAnswer("size", "At least 10,000 North Korean soldiers have been sent to Kursk.", "How big is the contingent?")).toBe(true);
    expect(offersAnswer("size", "The reliance on North Korean troops could result in tensions with China.", "How big is the danger?")).toBe(false);
  });

  it("GIVEN a question about what someone said THEN a statement is expected, even from 'who', but not from the article", () => {
    expect(expectedAnswer("What did the Pentagon say?")).toBe("statement");
    expect(expectedAnswer("How did Pyongyang's top diplomat describe the invasion?")).toBe("statement");
    expect(expectedAnswer("Who called it a holy war?")).toBe("statement");
    expect(expectedAnswer("What does the article say about Seoul?")).toBeUndefined();
    expect(expectedAnswer("What does the op-ed say about Seoul?")).toBeUndefined();
    expect(expectedAnswer("Would South Korea's arms come with United States's usage restrictions?")).toBeUndefined();
  });

  it("GIVEN a question whether something happened THEN an event is expected; one about how things are expects no kind", () => {
    expect(expectedAnswer("Did Washington loosen the limits?")).toBe("event");
    expect(expectedAnswer("Has the West tried to cut off the shipments?")).toBe("event");
    expect(expectedAnswer("Is China losing its grip?")).toBeUndefined();
  });

  it("GIVEN a why-question THEN a reason is expected; a question about something in general expects no kind", () => {
    expect(expectedAnswer("Why is Seoul worried?")).toBe("reason");
    expect(expectedAnswer("What are the reasons for the deployment?")).toBe("reason");
    expect(expectedAnswer("What about mediation?")).toBeUndefined();
  });
});

describe("an item of the text's own list", () => {
  it.each([
    ["What's the fourth concern the author lists?", "fourth"],
    ["the 'finally' point in the author's list of concerns - what is it?", "last"],
    ["What is the first reason the author gives for doubting the deployment?", "first"],
    ["What's the final point the writer makes?", "last"],
    // An ordinal that counts something else.
    ["Who was the first person released from prison?", undefined],
    ["When did Kyiv first report contact?", undefined],
  ])("GIVEN %j THEN the item asked for is the %s", (question, ordinal) => {
    expect(askedOrdinal(question)).toBe(ordinal);
    expect(expectedAnswer(question) === "item").toBe(ordinal !== undefined);
  });

  it.each([
    ["Fourthly, the infusion of North Korean soldiers could lead to defections.", "What's the fourth concern?", true],
    ["A third concern is that South Korea may send arms.", "What is the third concern?", true],
    ["First and foremost, Russia is short of personnel.", "What is the first reason?", true],
    ["Finally, pressure on the United States could grow.", "What is the last concern?", true],
    ["The fourth concern is named later.", "What is the third concern?", false],
    ["Secondly, China may object.", "What is the last concern?", false],
  ])("GIVEN %j and %j THEN it opens the item asked for: %s", (sentence, question, offers) => {
    expect(offersAnswer("item", sentence, question)).toBe(offers);
  });
});

describe("an age", () => {
  it.each([
    ["How old is Kim Jong Un?", "age"],
    ["At what age did Kathy Proctor start work?", "age"],
  ])("GIVEN %j THEN the kind of answer expected is %s", (question, kind) => {
    expect(expectedAnswer(question)).toBe(kind);
  });

  it.each([
    ["Daniel Mauser was only 15 years old.", true],
    ["A 10-year-old girl wrote to me.", true],
    ["She is earning her degree at 55 years old.", true],
    ["He was born in 1952 in Leningrad.", true],
    ["He died at the age of 80.", true],
    // A name, a date and "established … as": no age.
    ["Has Kim Jong Un negotiated a deal?", false],
    ["In June, Putin visited Pyongyang.", false],
    ["This has established North Korea as the most crucial ally.", false],
  ])("GIVEN %j THEN it gives an age: %s", (sentence, offers) => {
    expect(offersAnswer("age", sentence, "How old is he?")).toBe(offers);
  });
});

describe("what ought to be done, and steps to follow", () => {
  it.each([
    ["What should the West do instead?", "recommendation"],
    ["What does the author recommend the West do about Moscow?", "recommendation"],
    ["What does the writer want the US and Europe to do differently?", "recommendation"],
    ["What does the writer say the West should do?", "recommendation"],
    ["how do i reset my discord password", "instructions"],
    ["How can I change my nickname on mobile?", "instructions"],
    // What someone said should be done; a proposal; whether to act; a policy ("we"); a comparison.
    ["What did Biden say Kyiv should do?", "statement"],
    ["What financial mechanism did Russia propose at BRICS?", undefined],
    ["Should Kyiv hit back at Kim's soldiers?", undefined],
    ["How can we deter Pyongyang?", undefined],
    ["How do the two Korean militaries compare?", undefined],
  ])("GIVEN %j THEN the kind of answer expected is %s", (question, kind) => {
    expect(expectedAnswer(question)).toBe(kind);
  });

  it.each([
    ["recommendation", "Rather than cowering, the West should adopt a more assertive stance.", true],
    ["recommendation", "The Biden administration must confront the prospect.", true],
    ["recommendation", "The West has largely failed to exploit the opportunity.", false],
    ["recommendation", "Should these troops engage beyond Kursk, they would encounter an unfamiliar reality.", false],
    ["recommendation", "The prospect of defections or the need to suppress them with force would be a disgrace.", false],
    ["recommendation", "Should Seoul act, it needs to move quickly.", true],
    ["recommendation", "“Should these troops engage beyond Kursk, they would fail.”", false],
    ["recommendation", "Blinken stressed the need to bolster Ukraine's air defences.", true],
    ["instructions", "You can change it under Server Settings.", true],
    ["instructions", "Step 2: open the profile menu.", true],
    ["instructions", "They accept official positions of trust or honor.", false],
  ] as const)("GIVEN a question asking for a %s THEN %j offers one: %s", (kind, sentence, offers) => {
    expect(offersAnswer(kind, sentence, "What should I do?")).toBe(offers);
  });

  it("GIVEN passages for a recommendation THEN those that prescribe come first, each group in its order", () => {
    const passages = [{ text: "The West failed." }, { text: "Allies met. They should act now." }, { text: "Talks stalled." }, { text: "It is time to act." }];
    expect(answeringKindFirst("recommendation", passages, "What should the allies do?").map((p) => p.text)).toEqual([
      "Allies met. They should act now.",
      "It is time to act.",
      "The West failed.",
      "Talks stalled.",
    ]);
  });

  it("GIVEN passages for an item of a list THEN those opening that item come first", () => {
    const passages = [{ text: "Talks stalled." }, { text: "Secondly, allies met." }, { text: "Finally, the West failed." }];
    expect(answeringKindFirst("item", passages, "What is the last concern?").map((p) => p.text)).toEqual([
      "Finally, the West failed.",
      "Talks stalled.",
      "Secondly, allies met.",
    ]);
  });

  it("GIVEN passages for a figure THEN their order is kept: most passages hold one", () => {
    const passages = [{ text: "No figure here." }, { text: "At least 10,000 soldiers." }];
    expect(answeringKindFirst("quantity", passages, "How many soldiers?")).toEqual(passages);
  });
});

describe("firstQuestion", () => {
  it("GIVEN a follow-up searched with the question before it THEN only the follow-up's own question is kept", () => {
    expect(firstQuestion("What about mediation? How many troops are in Kursk?")).toBe("What about mediation?");
    expect(firstQuestion("kazan summit")).toBe("kazan summit");
  });
});

describe("offersAnswer", () => {
  it("GIVEN a quantity question THEN a sentence with a figure or number word offers one and a sentence without does not", () => {
    expect(offersAnswer("quantity", "At least 10,000 soldiers were sent.", "How many?")).toBe(true);
    expect(offersAnswer("quantity", "Half of the shells come from North Korea.", "How many?")).toBe(true);
    expect(offersAnswer("quantity", "Poland wants NATO to shoot down drones.", "How many drones?")).toBe(false);
  });

  it("GIVEN a time question THEN a sentence naming a month or period offers one", () => {
    expect(offersAnswer("time", "In June, Putin visited Pyongyang.", "When did Putin visit?")).toBe(true);
    expect(offersAnswer("time", "Mount Arvel erupted in 1783.", "When did it erupt?")).toBe(true);
    expect(offersAnswer("time", "Putin visited Pyongyang.", "When did Putin visit?")).toBe(false);
  });

  it("GIVEN a why-question THEN a sentence giving a cause offers one, and one giving only a consequence does not", () => {
    expect(offersAnswer("reason", "Putin’s reluctance stems from fears of protests in Moscow.", "Why no draft?")).toBe(true);
    expect(offersAnswer("reason", "The West did not act because it feared escalation.", "Why?")).toBe(true);
    expect(offersAnswer("reason", "This could lead to pressure on Washington.", "Why?")).toBe(false);
  });

  it("GIVEN a question whether something happened THEN a sentence reporting it offers an answer and a speculative one does not", () => {
    expect(offersAnswer("event", "The Pentagon has merely voiced its concern.", "Did Washington act?")).toBe(true);
    expect(offersAnswer("event", "This could lead to pressure on Washington to act.", "Did Washington act?")).toBe(false);
    expect(offersAnswer("event", "If they cross into Ukraine, Kyiv should strike.", "Did Kyiv strike?")).toBe(false);
  });

  it("GIVEN a question about what was said THEN reported speech offers it, and for 'who' only with a name the question lacks", () => {
    const budanov = "North Korea is Russia’s most crucial ally, according to intelligence chief Kyrylo Budanov.";
    expect(offersAnswer("statement", budanov, "What did the spy chief say?")).toBe(true);
    expect(offersAnswer("statement", "North Korea is Russia’s most crucial ally.", "What did the spy chief say?")).toBe(false);
    expect(offersAnswer("statement", budanov, "Who called North Korea Russia's ally?")).toBe(true);
    expect(offersAnswer("statement", "Analysts have called North Korea an ally.", "Who called North Korea an ally?")).toBe(false);
  });

  it("GIVEN a place or person question THEN only a name the question does not already give counts", () => {
    const question = "Where was the BRICS summit held?";
    expect(offersAnswer("place", "The BRICS summit in Kazan ended.", question)).toBe(true);
    expect(offersAnswer("place", "The BRICS summit ended without agreement.", question)).toBe(false);
    expect(offersAnswer("person", "It was called a holy war by Choe Son Hui.", "Who called it a holy war?")).toBe(true);
  });

  it("GIVEN a where-question THEN a name says where only after a preposition of place, unless it asks where someone went", () => {
    const held = "Where was the BRICS summit held?";
    expect(offersAnswer("place", "The announcement reaffirmed adherence to U.N. principles.", held)).toBe(false);
    expect(offersAnswer("place", "China’s reservations were noted.", held)).toBe(false);
    expect(offersAnswer("place", "Russia hosted the summit at the Kremlin.", held)).toBe(true);
    const went = "Where did Putin travel in June?";
    expect(offersAnswer("place", "In June, Putin visited Pyongyang.", went)).toBe(true);
    expect(offersAnswer("place", "Soldiers have been sent to Russia’s Kursk region.", "Where did Pyongyang send its soldiers?")).toBe(true);
    // Which city or country: any name the question lacks.
    expect(offersAnswer("place", "The reservations were China’s.", "Which country had reservations?")).toBe(true);
  });
});

describe("countedPredicate", () => {
  it.each([
    ["How many North Korean soldiers have died in Kursk?", "died"],
    ["How many artillery shells has North Korea shipped to Russia in total?", "shipped"],
    ["How many Ukrainian soldiers have been killed since the invasion began?", "killed"],
    ["How much is Moscow paying per artillery shell?", "paying"],
    ["According to Washington, how many troops were sent?", "sent"],
    ["How many North Korean soldiers might die in Kursk?", "die"],
    ["How many more troops should Russia expect?", "expect"],
    ["how many north korean soldiers have died in kursk", "died"],
  ])("GIVEN %j THEN what it counts happening is %j", (question, verb) => {
    expect(countedPredicate(question)).toBe(verb);
  });

  it.each([
    ["How many North Korean troops are in the Kursk region?", "a place follows the verb"],
    ["How many soldiers has the army lost?", "the subject is not a name"],
    ["how many nk troops in kursk?", "no verb"],
    ["What did the Pentagon say?", "not a how-many question"],
    ["How many North Korean soldiers have gone to Russia?", "a verb that says little"],
    ["How many casualties has Russia taken since the invasion?", "a verb that says little"],
    ["How many North Korean troops have arrived in Kursk?", "getting there, which a figure for those sent answers"],
    ["how many covid shots did biden say were given", "typed in lower case, the word after 'did' is a name, not a verb"],
    ["how many shells has north korea shipped", "typed in lower case, the subject hides the verb"],
    ["How much did Trump's 2019 budget request for research?", "a figure in the subject"],
  ])("GIVEN %j THEN no verb is known (%s)", (question) => {
    expect(countedPredicate(question)).toBeUndefined();
  });
});

describe("askedRate", () => {
  it.each([
    ["How much is Moscow paying Pyongyang per soldier?", "soldier"],
    ["How much is Moscow paying per North Korean artillery shell?", "shell"],
    ["How much is Moscow paying per artillery shell in this deal?", "shell"],
    ["roughly how many casualites are russian forces taking per day?", "day"],
    ["How many Russian soldiers are lost every day?", "day"],
    ["How many shells a month does Russia fire?", "month"],
    // "per the piece" and "per Trump's speech" name a source; "a soldier" is no unit of time; not a how-many question.
    ["How many Russian soldiers have been killed since Feb 2022, per the piece?", undefined],
    ["how many covid shots were given, per Trump's 2019 speech", undefined],
    ["How much is a soldier paid?", undefined],
    ["Is Russia losing a thousand troops a day?", undefined],
  ])("GIVEN %j THEN the unit a figure is asked per is %j", (question, unit) => {
    expect(askedRate(question)).toBe(unit);
  });
});

describe("rate in a sentence", () => {
  it("GIVEN a sentence with figures per units THEN the units are the words after per, a and each", () => {
    const units = rateUnitsIn("They pay 500 dollars per troop and 20 dollars each week.").split(" ");
    expect(units).toEqual(expect.arrayContaining(["troop", "week"]));
    expect(units).not.toContain("dollars");
  });

  it.each([
    ["day", "Russian ranks have been suffering daily casualties.", true],
    ["days", "Casualties mount daily.", true],
    ["day", "They fire 10,000 shells a day.", false],
    ["year", "The annual budget grew.", true],
    ["day", "The budget grew by 6 percent.", false],
  ])("GIVEN the unit %j and %j THEN saying it in one word is %j", (unit, sentence, says) => {
    expect(saysTimeRate(unit, sentence)).toBe(says);
  });
});
