"""The sentences letters are made of, at least eight phrasings to a slot so no two people of a panel share one.

Fields: {met} how we met, {about} the role at the company, {when} the interview date, {company} the
company, {discussed} what was discussed, {contribution} the contribution (a clause), {why_role} why the
role, {missed_point} the missed point, {decision_date} the decision date, {since} what happened since the
interview (a clause).

A date inside a sentence is followed by a comma, as in "on Tuesday, March 10, about the role".

Rules the corpus test holds every phrasing to: each reads naturally whatever is put in it; none ends on
"with you"; a follow-up never uses a sentence of the thank-you; and adjacent slots start differently, so
no two sentences in a row open with the same words. Friendly letters use the same phrasings with
contractions (see compose._in_tone).
"""

from letters.kinds import LetterKind

# --- Thank-you ----------------------------------------------------------------------------------------

TY_OPENINGS = {
    "formal": (
        "Thank you for {met} about {about} on {when}. I know how full your schedule is, and I appreciated "
        "the time you gave me.",
        "Thank you for taking the time to talk with me about {about} on {when}. I appreciate you making room "
        "for our conversation in a busy week.",
        "I am grateful to you for {met} about {about} on {when}. Your time is in demand, and I valued every "
        "minute of it.",
        "Thank you for our conversation about {about} on {when}. I appreciated you setting aside time for it "
        "in a busy schedule.",
        "Thank you very much for {met} on {when}, about {about}. Your time is precious, and I am grateful you "
        "shared some of it.",
        "I want to thank you for {met} about {about} on {when}. There are many demands on your day, and I "
        "appreciated your time.",
        "Thank you for the time you gave me on {when}, to discuss {about}. Your calendar is full, and I am "
        "grateful you made room.",
        "Many thanks for {met} about {about} on {when}. I appreciate that you found the time in a demanding "
        "week.",
    ),
    "friendly": (
        "Thanks so much for {met} about {about} on {when}. I know your days are full, so I really "
        "appreciated the time.",
        "Thank you for taking the time to chat about {about} on {when}. I know how busy things get, and it "
        "meant a lot that you made room for it.",
        "I really appreciated you {met} about {about} on {when}. It was good of you to make the time in what "
        "I know is a busy week.",
        "Thank you for the conversation about {about} on {when}. Your calendar is packed, so I appreciated "
        "the time.",
        "Thanks for {met} on {when}, about {about}. How kind of you to fit me into a busy day.",
        "Thank you so much for the time on {when}, to talk about {about}. I know it came out of a full week, "
        "and I'm grateful.",
        "Thanks a lot for {met} about {about} on {when}. There is so much on your plate, so the time meant a "
        "lot.",
        "A big thank you for {met} about {about} on {when}. I appreciated you giving me the time in a busy "
        "stretch.",
    ),
}

TY_TOPIC = (
    "Our discussion of {discussed} has stayed with me since we spoke.",
    "What we said about {discussed} is the part I have thought about most since.",
    "Talking through {discussed} was the part of our conversation I valued most.",
    "I especially enjoyed our conversation about {discussed}.",
    "Hearing how you think about {discussed} was the best part of the conversation for me.",
    "Most of all, I enjoyed getting into {discussed}.",
    "Of everything we covered, {discussed} interested me most.",
    "Your view of {discussed} was especially good to hear.",
)
# A topic about the writer's own work ("the profiler I wrote") is not praised as the reader's.
TY_TOPIC_MINE = (
    "I was glad we could talk about {discussed}.",
    "Thank you for the interest you showed in {discussed}.",
    "Walking through {discussed} together was a pleasure.",
    "Talking about {discussed} was a highlight of the conversation for me.",
    "I enjoyed the chance to discuss {discussed}.",
    "Our exchange about {discussed} was a real pleasure.",
    "Going through {discussed} was the part I enjoyed most.",
    "Of everything we covered, discussing {discussed} meant the most to me.",
)
TY_TOPIC_CLAUSE = (
    "One part of our conversation stands out: {discussed}.",
    "Most of all, I valued the part of our conversation where {discussed}.",
    "Of everything we covered, the moment when {discussed} has stayed with me.",
    "Thinking back on our conversation, I keep returning to the part where {discussed}.",
    "The point in our conversation when {discussed} is the one I remember best.",
    "What stayed with me most is the part where {discussed}.",
    "Among everything we covered, the part where {discussed} was the most useful to me.",
    "Our talk was at its best, for me, when {discussed}.",
)
TY_PRACTICAL = (
    "Thank you as well for walking me through {discussed}.",
    "Walking through {discussed} was helpful, too.",
    "Thank you, too, for taking me through {discussed}.",
    "Going over {discussed} was very useful.",
    "It helped to talk about {discussed}.",
    "Thanks are due, too, for explaining {discussed}.",
    "Your explanation of {discussed} was much appreciated.",
    "Covering {discussed} was a real help.",
)

# A contribution that shares substance with the person's topic follows it as a continuation; one that does
# not stands on its own, with nothing that pretends a link. Both introduce the user's words with a colon, so
# a clause ("I can make hot paths faster") and a noun phrase ("ten years of payments work") read alike.
BRIDGE = (
    "That ties in with what I would bring: {contribution}.",
    "That connects directly to what I could offer: {contribution}.",
    "This is where my experience fits: {contribution}.",
    "On that front, here is what I could contribute: {contribution}.",
    "It links to what I would bring to the team: {contribution}.",
    "My own work links directly to that: {contribution}.",
    "It matches what I hope to offer: {contribution}.",
    "This overlaps with what I would offer: {contribution}.",
)
ALONE = (
    "As for what I would bring: {contribution}.",
    "Here is what I would bring to the role: {contribution}.",
    "What I could offer the team: {contribution}.",
    "In the role, my contribution would be this: {contribution}.",
    "For my part, this is what I would contribute: {contribution}.",
    "Looking at the role as a whole, here is my strength: {contribution}.",
    "From my side, the contribution I would make: {contribution}.",
    "The strength I would bring is this: {contribution}.",
)

# Everyone else on a panel hears the contribution in brief ({contribution} is then a shorter form of it): tied to their
# topic when the two share substance, and otherwise said plainly on its own.
PART_BRIDGE = (
    "It is close to my own work: {contribution}.",
    "That overlaps with my own background: {contribution}.",
    "My own experience sits near it: {contribution}.",
    "It touches on my own experience: {contribution}.",
    "This is familiar ground for me: {contribution}.",
    "I see a link there with my own work: {contribution}.",
    "Some of my own experience bears on it: {contribution}.",
    "It is near to what I know best: {contribution}.",
)
PART_ALONE = (
    "On my side, one thing I would bring: {contribution}.",
    "As for my own background, in brief: {contribution}.",
    "Briefly, on what I would bring: {contribution}.",
    "For my part, the experience I would draw on: {contribution}.",
    "One strength I would bring to the team: {contribution}.",
    "In short, my own background: {contribution}.",
    "What I would add, put briefly: {contribution}.",
    "To sum up my side of it: {contribution}.",
)
# After a contribution that shares substance with the topic just named: the two are tied together.
TY_USE = (
    "Putting that to work for your team is what I would enjoy most.",
    "Doing the same for you is the kind of work I would relish.",
    "That is where I believe I could help from the start.",
    "Applying it to your work would suit me very well.",
    "Much of it would carry straight over to what you described.",
    "Bringing that experience here is what I look forward to most.",
    "Work of that kind is where I could be useful soonest.",
    "There, I think, my experience would count for the most.",
)
# After a contribution that stands on its own: an offer to say more, never a link that is not there.
TY_OFFER = (
    "Should it be useful, I can go into more detail.",
    "Further detail on any of this is easy for me to share.",
    "Examples are easy to share whenever they would help.",
    "I can describe it in more depth whenever it suits you.",
    "If specifics would help, I can send them.",
    "Should you want more on it, I am glad to go further.",
    "I could tell you more about it, if that would be useful.",
    "A longer account is easy to give, whenever it would help.",
)

TY_WHY = (
    "What draws me to the role is simple: {why_role}.",
    "The reason the role appeals to me is plain: {why_role}.",
    "Here is what draws me to this role: {why_role}.",
    "My reason for wanting the role is this: {why_role}.",
    "The role appeals to me for one reason above all: {why_role}.",
    "This is why the role matters to me: {why_role}.",
    "Above all, the role appeals to me because of this: {why_role}.",
    "My interest in the role comes from one place: {why_role}.",
)

TY_MISSED = (
    "I should also have mentioned that {missed_point}.",
    "One thing I did not get to say: {missed_point}.",
    "To add a point there was no time for, {missed_point}.",
    "There was one point I missed when we spoke, which is that {missed_point}.",
    "Something I left out of our conversation: {missed_point}.",
    "One more point, which did not come up when we spoke: {missed_point}.",
    "Looking back, I would have liked to add that {missed_point}.",
    "Perhaps useful to know as well: {missed_point}.",
)
TY_MISSED_NOUN = (
    "I should also have mentioned {missed_point}.",
    "One thing I did not get to mention was {missed_point}.",
    "Something I left out of our conversation was {missed_point}.",
    "Looking back, I would also have brought up {missed_point}.",
    "There was no time to mention {missed_point}, which I would have liked to.",
    "One more point that did not come up when we spoke: {missed_point}.",
    "To add one thing there was no time for: {missed_point}.",
    "Perhaps useful to know as well: {missed_point}.",
)

TY_SUCCESS = (
    "I would welcome the chance to contribute to the success of {company}.",
    "I would be glad to help {company} reach its goals.",
    "I hope to have the opportunity to help {company} grow.",
    "It would be a pleasure to contribute to the work of {company}.",
    "I would be proud to help {company} succeed.",
    "Helping {company} grow would be a real privilege.",
    "I would very much like to help {company} with what comes next.",
    "The chance to add to the success of {company} is one I would value.",
)
TY_NEXT = (
    "Please let me know if I can share anything further; I look forward to hearing about next steps.",
    "If anything else would be useful, I am happy to send it, and I look forward to hearing from you.",
    "Should any questions come up as you weigh your decision, I am glad to answer them.",
    "Do let me know if there is anything more I can provide as you consider next steps.",
    "I am glad to provide whatever else would help your decision.",
    "Please get in touch if any other questions come up; I would be glad to answer them.",
    "My thanks again, and I look forward to hearing about next steps.",
    "Until I hear from you, I am happy to share anything that would help.",
)
TY_NEXT_DATED = (
    "You mentioned a decision around {decision_date}; until then, I am happy to share anything else that would help.",
    "Knowing a decision is expected around {decision_date}, I am glad to provide anything further before then.",
    "If there is anything else you would like from me before {decision_date}, please let me know.",
    "With a decision expected around {decision_date}, do let me know if anything more from me would help.",
    "Should anything more be useful before your decision around {decision_date}, I am glad to provide it.",
    "Any further questions are welcome until your decision around {decision_date}.",
    "Knowing you plan to decide around {decision_date}, I am ready to send anything further you need.",
    "My thanks again; I look forward to hearing from you around {decision_date}.",
)

# --- First follow-up ----------------------------------------------------------------------------------

FU1_OPENINGS = (
    "I am writing to follow up on my interview for {about} on {when}.",
    "I wanted to follow up on our conversation about {about} on {when}.",
    "I hope your week is going well, and I am following up on {about}, which we discussed on {when}.",
    "It has been a little while since our conversation on {when}, about {about}, and I wanted to follow up.",
    "Following our conversation on {when}, about {about}, I wanted to send a short note.",
    "This is a short follow-up to our conversation on {when}, about {about}.",
    "After our conversation on {when}, about {about}, I wanted to write again.",
    "Here is a brief follow-up to my interview on {when}, for {about}.",
)
FU1_INTEREST = (
    "My interest in the role, and in helping {company} succeed, is as strong as ever.",
    "I would still very much like to contribute to the work at {company}.",
    "Joining {company} and helping it grow is still very much what I hope for.",
    "The role and {company} are still at the top of my list, and I would be glad to contribute.",
    "Helping {company} succeed is still something I would welcome.",
    "My enthusiasm for the role, and for what I could bring to it, has not changed.",
    "Nothing has changed in how much I would like to help {company} grow.",
    "Count me as still very interested in the role and in contributing to it.",
)
FU1_SINCE = (
    "Something new since we spoke: {since}.",
    "One thing since our conversation: {since}.",
    "There is something new since the interview: {since}.",
    "In the days since we met, one thing seemed worth passing on: {since}.",
    "A brief update since our conversation: {since}.",
    "Since the interview, there is one thing to add: {since}.",
    "One development since we talked: {since}.",
    "Something worth passing on since we spoke: {since}.",
)
FU1_TIE = (
    "It builds on our conversation about {discussed}.",
    "It grew out of what we said about {discussed}.",
    "That follows on from our talk about {discussed}.",
    "You may find it relevant to {discussed}.",
    "It connects to what we discussed about {discussed}.",
    "Our exchange about {discussed} was the starting point.",
    "That came from thinking further about {discussed}.",
    "My starting point was our discussion of {discussed}.",
)
FU1_QUESTION = (
    "Has the team made progress with {discussed} since we spoke?",
    "How are things going with {discussed}?",
    "Where do things stand with {discussed} now?",
    "Have there been any new developments with {discussed}?",
    "How is the work around {discussed} coming along?",
    "Has anything changed with {discussed} since our conversation?",
    "Out of interest, how are things moving with {discussed}?",
    "Could I ask how things are going with {discussed}?",
)
# A topic about the writer's own work ("the profiler I wrote") gets a question about the reader's view of it.
FU1_QUESTION_MINE = (
    "Did the team have a chance to think more about {discussed}?",
    "Have you had any further thoughts about {discussed}?",
    "Would it help if I shared more detail about {discussed}?",
    "Did anything more come up about {discussed} after we spoke?",
    "Could I explain anything about {discussed} further?",
    "Would a short write-up about {discussed} be useful?",
    "Were there questions left about {discussed} that I could answer?",
    "Has there been more talk in the team about {discussed}?",
)
# A topic that is itself a question ("how the on-call rotation is shared") is asked about, not asked after.
FU1_QUESTION_ABOUT = (
    "Have you had any new thoughts about {discussed} since we talked?",
    "Has anything changed in your thinking about {discussed}?",
    "Did the conversation about {discussed} go any further after we met?",
    "Has the team settled on a view of {discussed}?",
    "Were there any further discussions in the team about {discussed}?",
    "Out of curiosity, what came of the discussion about {discussed}?",
    "Has there been any change in {discussed} since we spoke?",
    "Could I ask whether anything has changed in {discussed}?",
)
# A topic noted as a clause of its own ("we compared ensemble forecasts for wind farms"): recalled, then asked
# after in a few words (under six, so they may repeat within a panel).
FU1_CLAUSE = (
    "I have kept thinking about the part of our conversation where {discussed}.",
    "The part of our talk where {discussed} is still on my mind.",
    "Since we spoke, I have thought more about the moment when {discussed}.",
    "One part of our conversation I keep coming back to is when {discussed}.",
    "The point when {discussed} has stayed with me since.",
    "My thoughts keep returning to the part where {discussed}.",
    "What stays with me from our talk is the part where {discussed}.",
    "Looking back, I think most about the part of our conversation where {discussed}.",
)
FU1_CLAUSE_ASK = (
    "How is that going now?",
    "Has that work moved forward?",
    "Where does that stand now?",
    "How is it coming along?",
)
FU1_TIMING = (
    "Could you let me know whether there is an update on the timeline for a decision?",
    "Is there anything you can share about the timeline for next steps?",
    "Would you be able to tell me where things stand with the decision?",
    "When do you expect to be in touch about next steps?",
    "May I ask how the decision is coming along?",
    "Do you have a sense of when a decision might be made?",
    "Could you give me an idea of the timing for next steps?",
    "Are you able to say roughly when I might hear back?",
)
FU1_TIMING_DATED = (
    "You mentioned a decision around {decision_date}; is there any update you are able to share?",
    "Is the decision still expected around {decision_date}?",
    "Could you tell me where things stand with the decision you planned for {decision_date}?",
    "Are you still aiming to decide around {decision_date}?",
    "As you hoped to decide around {decision_date}, may I ask how it is going?",
    "Would you be able to tell me whether the decision is still planned for {decision_date}?",
    "Is there any news on the decision you expected around {decision_date}?",
    "Is a decision still likely around {decision_date}?",
)
# Under six words: a plain thanks may repeat from letter to letter.
FU_THANKS = (
    "Thank you for your time.",
    "Thank you for considering me.",
    "Many thanks for your time.",
    "Thanks again for your consideration.",
)

# --- Second follow-up ---------------------------------------------------------------------------------

FU2_OPENINGS = (
    "I am writing once more about {about}, following our conversation on {when}.",
    "I wanted to send one last note about {about}; we spoke on {when}.",
    "This is a brief final note about {about}, which we discussed on {when}.",
    "I am following up one more time about {about}, after we spoke on {when}.",
    "Here is one more short note about {about}, following our conversation on {when}.",
    "Some time has passed since we talked on {when}, about {about}.",
    "I hope all is well since our conversation on {when}, about {about}.",
    "Allow me one last note about {about}, after our conversation on {when}.",
)
FU2_ANGLE = (
    "My interest comes down to this: {why_role}.",
    "What keeps me interested is simple: {why_role}.",
    "The reason I hope to join has not changed: {why_role}.",
    "Put briefly, this is why the role matters to me: {why_role}.",
    "One reason for wanting the role still stands above the rest: {why_role}.",
    "One thing has stayed constant for me: {why_role}.",
    "In a sentence, here is what draws me to the work: {why_role}.",
    "The heart of my interest is this: {why_role}.",
)
# Everyone else on the panel is reminded of their own topic instead.
FU2_TOPIC = (
    "Our conversation about {discussed} is still on my mind.",
    "I keep coming back to what we said about {discussed}.",
    "What we discussed about {discussed} has only made the role more appealing.",
    "Thinking again about {discussed}, I remain keen on the work.",
    "The work around {discussed} is a large part of why I am still interested.",
    "Having thought more about {discussed}, my interest has only grown.",
    "Our exchange about {discussed} still stands out for me.",
    "Much of my interest comes from what we said about {discussed}.",
)
FU2_TOPIC_CLAUSE = (
    "The moment when {discussed} is still a large part of my interest.",
    "I still think often of the part where {discussed}.",
    "Much of my interest goes back to when {discussed}.",
    "Remembering the part where {discussed}, I remain keen on the work.",
    "When {discussed}, the work became all the more appealing to me.",
    "Having thought more about the part where {discussed}, my interest has only grown.",
    "For me, the part where {discussed} still stands out.",
    "Part of why I am still interested is the moment when {discussed}.",
)
FU2_LOOP = (
    "I would still be glad to help {company} grow; if the role has been filled, please let me know so I can "
    "close the loop.",
    "The chance to contribute is still one I would welcome, but if you have decided to go another way, a "
    "quick word would let me close the loop.",
    "Should the position no longer be open, just let me know and I will not write again; if it is, I would "
    "still be glad to contribute.",
    "If the search has moved on, a one-line reply to let me know is all I need to close the loop, and I wish "
    "{company} every success.",
    "If the team has chosen someone else, I understand completely; please let me know so I can close the "
    "loop, and I wish {company} continued success.",
    "If the decision has gone another way, a brief reply would help me close the loop, and I wish the team "
    "every success.",
    "Whatever you have decided, a line to let me know would let me close the loop, and my wish to help {company} "
    "succeed stands.",
    "If a decision has been made, one line from you would let me close the loop; otherwise, I remain keen to "
    "contribute.",
)
FU2_THANKS = (
    "Thank you for your consideration.",
    "Thank you for your time.",
    "Many thanks for your time.",
    "Thank you for considering me.",
)

# --- Another conversation -----------------------------------------------------------------------------

AC_OPENINGS = (
    "Thank you again for speaking with me about {about} on {when}.",
    "I am grateful for the time you gave me to discuss {about} on {when}.",
    "Thank you once more for our conversation about {about} on {when}.",
    "Our conversation on {when}, about {about} was a real pleasure, and I am grateful for it.",
    "I have been glad to reflect on our talk about {about} on {when}, and I remain grateful for it.",
    "Many thanks again for your time on {when}, and for the conversation about {about}.",
    "I very much appreciated our conversation on {when}, about {about}.",
    "Thank you for making time on {when}, to talk about {about}.",
)
AC_TOPIC = (
    "Since then I have been thinking more about {discussed}, and I would value the chance to continue that "
    "conversation.",
    "Our discussion of {discussed} has stayed with me, and I would welcome the chance to pick it up again.",
    "There is more I would like to understand about {discussed}.",
    "Since we spoke, I have kept coming back to {discussed}, and I would like to hear more.",
    "Going further into {discussed} is something I would be glad to do.",
    "The part of our talk about {discussed} left me with questions I would like to ask.",
    "Continuing the conversation about {discussed} is something I would very much value.",
    "Returning to {discussed}, which I found one of the most interesting parts of our talk, would be a pleasure.",
)
AC_TOPIC_MINE = (
    "Coming back to {discussed} would be good, and I would value your view of it.",
    "There is more I would like to show you about {discussed}.",
    "Going deeper into {discussed} is a chance I would welcome.",
    "Talking further about {discussed} would be a pleasure.",
    "Since we spoke, I have thought more about {discussed}, and I would value your view.",
    "Taking {discussed} further is something I would be glad to discuss.",
    "Our discussion of {discussed} left me with more I would like to share.",
    "More about {discussed} is something I would be glad to walk through.",
)
AC_TOPIC_CLAUSE = (
    "Since then I have kept thinking about the part of our conversation where {discussed}.",
    "The moment when {discussed} has stayed with me, and I would like to pick it up again.",
    "There is more I would like to understand from the part where {discussed}.",
    "Since we spoke, the part where {discussed} has been on my mind.",
    "Going back to the point when {discussed} is something I would be glad to do.",
    "The part of our talk where {discussed} left me with questions I would like to ask.",
    "Continuing from where {discussed} is something I would very much value.",
    "Returning to the moment when {discussed} would be a pleasure.",
)
AC_TOPIC_PRACTICAL = (
    "Your explanation of {discussed} was a help, and a question or two remains.",
    "Going over {discussed} was a help, and I have a few follow-up questions.",
    "Since we covered {discussed}, a few questions have come to mind.",
    "A little more about {discussed} would help me.",
    "Our talk about {discussed} was useful, and a few questions remain.",
    "The part of our talk about {discussed} raised a question or two.",
    "Having gone over {discussed}, I have one or two things to ask.",
    "Returning briefly to {discussed} would help me a great deal.",
)
AC_IDEA = (
    "In particular, I have a thought on where I could contribute: {contribution}.",
    "One idea I would like to talk through: {contribution}.",
    "One idea I would like to put to you: {contribution}.",
    "I would especially like to explore one thought: {contribution}.",
    "My idea, in short: {contribution}.",
    "What I would like to discuss is this: {contribution}.",
    "One concrete idea: {contribution}.",
    "In brief, the idea I have in mind: {contribution}.",
)
AC_NOTHING = (
    "I would value the chance to continue our conversation and learn where I could contribute.",
    "Another conversation would help me learn more about the team and the work ahead.",
    "Continuing our conversation would let me answer anything still open about how I could help.",
    "More remains for me to learn about the work ahead and where I could contribute.",
    "A further conversation would help me understand the role better.",
    "Learning more about the team's plans would show me where I could help most.",
    "More time to talk would show me where I could contribute most.",
    "Picking up our conversation again would let me see how I could help the team grow.",
)
# Said by everyone but the one person the contribution itself goes to.
AC_HELP = (
    "I would like to hear where I could help most there.",
    "There may be a way I could contribute to it, and I would like to explore that.",
    "I would welcome the chance to talk about how I could help.",
    "My hope is to understand where I could contribute most.",
    "Hearing more would show me where someone with my background could help.",
    "Talking it through would show me how I could contribute.",
    "It would help me see where I could add the most.",
    "Your view on where I could help would be valuable.",
)
AC_ASK = (
    "Would you have twenty minutes in the next week or two for a short call?",
    "Could you spare twenty minutes for a call in the coming weeks?",
    "Might you have fifteen or twenty minutes for a call soon?",
    "Would a short call at a time that suits you be possible in the next few weeks?",
    "If you could find twenty minutes for a call, I would be very grateful.",
    "Would you be open to a call whenever your schedule allows?",
    "Is there a time in the next couple of weeks when a call of twenty minutes would suit you?",
    "Could we find a quarter of an hour for a call at your convenience?",
)
AC_THANKS = (
    "Thank you for considering it.",
    "Thank you for your time.",
    "Many thanks for considering it.",
    "Thanks for considering it.",
)

SIGN_OFFS: dict[tuple[str, str], str] = {
    ("formal", LetterKind.THANK_YOU): "Best regards,",
    ("friendly", LetterKind.THANK_YOU): "Thanks again,",
}
