"""Demo materials: the library, its approval workflow and 28 approved materials with PDFs."""

from dateutil.relativedelta import relativedelta
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Page, TaskState

from core.demo import add_page, ensure_user
from core.enums import Visibility
from core.pdf import minimal_pdf
from directory.models import PartnershipPage

from .enums import Audience as A
from .enums import ResourceFormat as F
from .enums import ResourcePhase as P
from .models import (
    ResourceAudience,
    ResourceFile,
    ResourceIndexPage,
    ResourceLink,
    ResourcePage,
)
from .workflow import APPROVERS_GROUP, ensure_approval_workflow

GROOMING = "Online grooming"
MISSING = "Missing from home or care"
RELATIONSHIPS = "Healthy relationships"
CONSENT = "Consent"
SIGNS = "Recognising the signs"
REPORT = "How to report"

#: (title, summary, audiences, phase, format, topics, partners only, months since approval)
#: Approvals are counted back from the day the demo is loaded and all within the 12-month
#: review period, so none is overdue that day; those of 11 months ago are due soon.
MATERIALS = [
    (
        "Safe and unsafe secrets (KS1)",
        "A gentle lesson helping five to seven year olds tell good surprises from secrets that worry them.",
        [A.PRIMARY_PUPILS],
        P.PRIMARY,
        F.LESSON_PLAN,
        [RELATIONSHIPS, REPORT],
        False,
        2,
    ),
    (
        "Who can I tell? (KS2)",
        "Pupils map the trusted adults in their lives and practise asking for help.",
        [A.PRIMARY_PUPILS],
        P.PRIMARY,
        F.LESSON_PLAN,
        [REPORT, SIGNS],
        False,
        4,
    ),
    (
        "Online friends are not always who they say (KS2)",
        "A story-based lesson on people who pretend to be someone else online.",
        [A.PRIMARY_PUPILS],
        P.PRIMARY,
        F.LESSON_PLAN,
        [GROOMING],
        False,
        1,
    ),
    (
        "My body, my rules (Year 6)",
        "Consent in everyday life for the oldest primary pupils, before secondary transfer.",
        [A.PRIMARY_PUPILS],
        P.PRIMARY,
        F.SLIDES,
        [CONSENT, RELATIONSHIPS],
        False,
        10,
    ),
    (
        "Gaming chat and gifts (KS2)",
        "What to do when someone in a game offers gifts, skins or credits in return for photos or secrets.",
        [A.PRIMARY_PUPILS, A.PARENTS_AND_CARERS],
        P.PRIMARY,
        F.VIDEO,
        [GROOMING],
        False,
        6,
    ),
    (
        "Healthy and unhealthy relationships (KS3)",
        "Year 7 and 8 pupils explore control, jealousy and respect in friendships and first relationships.",
        [A.SECONDARY_PUPILS],
        P.SECONDARY,
        F.LESSON_PLAN,
        [RELATIONSHIPS],
        False,
        3,
    ),
    (
        "Consent: what the law says (KS4)",
        "A lesson on consent, the age of consent and coercion, with scenarios for discussion.",
        [A.SECONDARY_PUPILS],
        P.SECONDARY,
        F.SLIDES,
        [CONSENT],
        False,
        11,
    ),
    (
        "Boyfriend or groomer? (KS4)",
        "How exploiters use affection, gifts and older 'boyfriends' to control young people.",
        [A.SECONDARY_PUPILS],
        P.SECONDARY,
        F.LESSON_PLAN,
        [GROOMING, SIGNS],
        False,
        5,
    ),
    (
        "Nudes and sextortion (KS3 and KS4)",
        "What to do if someone asks for or threatens to share an image, and where to get it taken down.",
        [A.SECONDARY_PUPILS, A.PARENTS_AND_CARERS],
        P.SECONDARY,
        F.VIDEO,
        [GROOMING, REPORT],
        False,
        9,
    ),
    (
        "County lines and going missing (KS4)",
        "Why young people who go missing may be being exploited, and how friends can help.",
        [A.SECONDARY_PUPILS],
        P.SECONDARY,
        F.LESSON_PLAN,
        [MISSING, SIGNS],
        False,
        7,
    ),
    (
        "Relationships at college",
        "A discussion session for post-16 students on respect, consent and power in relationships.",
        [A.POST_16_STUDENTS],
        P.POST_16,
        F.SLIDES,
        [CONSENT, RELATIONSHIPS],
        False,
        2,
    ),
    (
        "Looking out for friends (post-16)",
        "Spotting when a friend may be exploited and how to report it safely.",
        [A.POST_16_STUDENTS],
        P.POST_16,
        F.GUIDANCE,
        [SIGNS, REPORT],
        False,
        8,
    ),
    (
        "Online grooming: a guide for parents and carers",
        "The warning signs of online grooming and how to talk to your child about it.",
        [A.PARENTS_AND_CARERS],
        P.ANY,
        F.LEAFLET,
        [GROOMING, SIGNS],
        False,
        1,
    ),
    (
        "If your child goes missing",
        "What to do straight away, who to call and what happens when your child comes home.",
        [A.PARENTS_AND_CARERS],
        P.ANY,
        F.LEAFLET,
        [MISSING, REPORT],
        False,
        9,
    ),
    (
        "Talking about healthy relationships at home",
        "Conversation starters for parents and carers of children of every age.",
        [A.PARENTS_AND_CARERS],
        P.ANY,
        F.GUIDANCE,
        [RELATIONSHIPS, CONSENT],
        False,
        7,
    ),
    (
        "Parents' evening briefing on CSE",
        "A short talk schools can give at parents' evenings, with a handout.",
        [A.PARENTS_AND_CARERS, A.SCHOOL_STAFF],
        P.ANY,
        F.SLIDES,
        [SIGNS, GROOMING],
        False,
        4,
    ),
    (
        "CSE awareness for all school staff",
        "The annual whole-staff training session: signs, the DSL's role and referral routes.",
        [A.SCHOOL_STAFF],
        P.ANY,
        F.TRAINING_COURSE,
        [SIGNS, REPORT],
        True,
        3,
    ),
    (
        "DSL briefing: making a referral to the front door",
        "What to include in a referral, thresholds and what happens next.",
        [A.SCHOOL_STAFF, A.ALL_PROFESSIONALS],
        P.ANY,
        F.GUIDANCE,
        [REPORT],
        True,
        10,
    ),
    (
        "Primary staff: CSE is not only a secondary issue",
        "Slides for primary staff meetings on signs of exploitation in younger children.",
        [A.SCHOOL_STAFF],
        P.PRIMARY,
        F.SLIDES,
        [SIGNS, GROOMING],
        True,
        8,
    ),
    (
        "Return home interviews: a guide for staff",
        "How schools support pupils after a missing episode and share information.",
        [A.SCHOOL_STAFF, A.ALL_PROFESSIONALS],
        P.SECONDARY,
        F.GUIDANCE,
        [MISSING],
        True,
        11,
    ),
    (
        "Eyes and ears: CSE training for taxi drivers",
        "The licence-condition course: what drivers may see and how to report it.",
        [A.TAXI_DRIVERS],
        P.ANY,
        F.TRAINING_COURSE,
        [SIGNS, REPORT],
        False,
        5,
    ),
    (
        "Taxi drivers' pocket card",
        "Warning signs and the numbers to call, sized for a sun visor.",
        [A.TAXI_DRIVERS],
        P.ANY,
        F.LEAFLET,
        [SIGNS, REPORT],
        False,
        11,
    ),
    (
        "Operators' guide to safeguarding",
        "What licensed operators must do: training records, concerns log and contacts.",
        [A.TAXI_DRIVERS],
        P.ANY,
        F.GUIDANCE,
        [REPORT, MISSING],
        True,
        2,
    ),
    (
        "Safeguarding for uniformed group leaders",
        "A session for Scout, Guide and cadet leaders on spotting exploitation.",
        [A.YOUTH_LEADERS],
        P.ANY,
        F.TRAINING_COURSE,
        [SIGNS, GROOMING],
        False,
        6,
    ),
    (
        "Faith youth groups: keeping children safe",
        "Guidance for church, mosque, gurdwara and temple youth leaders.",
        [A.YOUTH_LEADERS],
        P.ANY,
        F.GUIDANCE,
        [REPORT, RELATIONSHIPS],
        False,
        11,
    ),
    (
        "Youth club session: consent and respect",
        "A ready-to-run activity session for voluntary youth clubs.",
        [A.YOUTH_LEADERS, A.SECONDARY_PUPILS],
        P.SECONDARY,
        F.LESSON_PLAN,
        [CONSENT],
        False,
        3,
    ),
    (
        "Multi-agency CSE practice guidance",
        "The county's shared guidance for every professional: indicators, screening and referral.",
        [A.ALL_PROFESSIONALS],
        P.ANY,
        F.GUIDANCE,
        [SIGNS, REPORT, MISSING],
        True,
        10,
    ),
    (
        "There is no single profile of a vulnerable child",
        "A short film for professionals challenging assumptions about who is exploited.",
        [A.ALL_PROFESSIONALS, A.SCHOOL_STAFF],
        P.ANY,
        F.VIDEO,
        [SIGNS],
        False,
        1,
    ),
]


#: How to use a material, said to the people it is for: (heading, text) for each audience.
ADVICE = {
    A.PRIMARY_PUPILS: (
        "For children",
        "<p>If something online or in real life makes you feel worried, scared or confused, "
        "tell a grown-up you trust, like a parent or carer or your teacher. You will not be in "
        "trouble. You can also call Childline on 0800 1111. It is free and you can call any "
        "time.</p>",
    ),
    A.SECONDARY_PUPILS: (
        "For young people",
        "<p>If anything in this is happening to you or a friend, it is not your fault. Talk to "
        "an adult you trust, or call Childline free on 0800 1111, any time. If someone has "
        "shared a nude image of you, or is threatening to, Report Remove from Childline and the "
        "Internet Watch Foundation can help get it taken down. If someone you met online is "
        "making you uncomfortable, you can report them to CEOP.</p>",
    ),
    A.POST_16_STUDENTS: (
        "For students",
        "<p>If this is happening to you or a friend, it is not your fault and you can get help. "
        "Talk to your college's safeguarding team or a tutor you trust, or call Childline free "
        "on 0800 1111 (it is there for anyone under 19). If you are in danger now, call "
        "999.</p>",
    ),
    A.PARENTS_AND_CARERS: (
        "For parents and carers",
        "<p>Read it through before talking with your child, at a time when neither of you is "
        "rushed. Keep the conversation calm and let them know they can always come to you, "
        "whatever has happened. If you are worried about your child, call the Children's "
        "Services Family Front Door, or 999 if they are in danger now. The NSPCC helpline, "
        "0808 800 5000, gives advice to any adult worried about a child.</p>",
    ),
    A.SCHOOL_STAFF: (
        "For school staff",
        "<p>Read the whole material before using it, and tell your designated safeguarding "
        "lead beforehand: a session can prompt a disclosure. Adapt the examples to your "
        "setting and keep the report-a-concern numbers on display.</p>",
    ),
    A.TAXI_DRIVERS: (
        "For drivers and operators",
        "<p>Keep this in your vehicle. If you think a passenger may be a child at risk, call "
        "999 if they are in danger now, or 101 if not, with the time, the pick-up and drop-off "
        "addresses and a description. Never confront anyone. Then tell your operator and your "
        "district council's licensing team.</p>",
    ),
    A.YOUTH_LEADERS: (
        "For youth and faith group leaders",
        "<p>Read it before using it with your group, and tell your group's safeguarding lead or "
        "welfare officer beforehand: a session can prompt a disclosure. If a child tells you "
        "something, listen, do not promise to keep it secret, and follow your organisation's "
        "safeguarding procedure the same day.</p>",
    ),
    A.ALL_PROFESSIONALS: (
        "For professionals",
        "<p>Use this alongside your own agency's safeguarding procedures. Discuss any concern "
        "with your safeguarding lead, and refer to the Children's Services Family Front Door "
        "when the county's threshold guidance says so.</p>",
    ),
}

#: Said to the adult who runs a session for children when no adult audience is named.
LEADING_A_SESSION = (
    "<p>For the adult leading the session: read the material first and tell your designated "
    "safeguarding lead beforehand, as a session can prompt a disclosure.</p>"
)
CHILDREN = {A.PRIMARY_PUPILS, A.SECONDARY_PUPILS, A.POST_16_STUDENTS}


def how_to_use(audiences):
    """The material's “how to use it” text: a section for each audience, in its own words."""
    if len(audiences) == 1:
        text = ADVICE[audiences[0]][1]
    else:
        text = "".join(f"<h3>{ADVICE[a][0]}</h3>{ADVICE[a][1]}" for a in audiences)
    if set(audiences) <= CHILDREN:
        text += LEADING_A_SESSION
    return text


def video_address(title):
    """Where the council hosts a demo video (an example.gov.uk address: the demo invents it)."""
    return f"https://www.example.gov.uk/safeguarding/videos/{_slug(title)}"


def _slug(title):
    from django.utils.text import slugify

    return slugify(title)[:80]


def ensure_approver(log):
    user = ensure_user("approver", log, email="approver@example.org")
    if not user.first_name:
        user.first_name, user.last_name = "Priya", "Lakhani"
        user.save(update_fields=["first_name", "last_name"])
        log.updated("name of approver")
    group = Group.objects.get(name=APPROVERS_GROUP)
    if not user.groups.filter(pk=group.pk).exists():
        user.groups.add(group)
        log.updated(f"groups of approver ({APPROVERS_GROUP})")
    return user


def add_material(index, spec, owner, editor, approver, workflow, log):
    title, summary, audiences, phase, format, topics, partners_only, months_ago = spec
    document = Document.objects.filter(title=title).first()
    if document is None:
        lines = [summary[:90], "County headteacher group - demo material", "Fictional content."]
        document = Document(title=title)
        document.file.save(
            f"{_slug(title)}.pdf", ContentFile(minimal_pdf(title, lines)), save=False
        )
        document.save()
        log.created(f"document “{title}”")
    page = ResourcePage(
        title=title,
        slug=_slug(title),
        summary=summary,
        body=how_to_use(audiences),
        phase=phase,
        format=format,
        curriculum_link="RSE: Being safe" if phase != P.ANY else "",
        suggested_length="One 50-minute session" if format == F.LESSON_PLAN else "",
        partnership=owner,
        visibility=Visibility.PARTNERS if partners_only else Visibility.PUBLIC,
        live=False,
    )
    page.audience_links = [ResourceAudience(audience=value) for value in audiences]
    page.files = [ResourceFile(document=document)]
    if format == F.VIDEO:
        page.links = [ResourceLink(title=f"Watch the video: {title}", url=video_address(title))]
    page.tags.add(*topics)
    index.add_child(instance=page)
    page.save_revision(user=editor)
    workflow.start(page, editor)
    task_state = page.current_workflow_task_state.specific
    task_state.task.specific.on_action(task_state, approver, "approve")
    # Backdate the approval so that the library has a spread of review dates.
    approved_at = timezone.now() - relativedelta(months=months_ago)
    TaskState.objects.filter(pk=task_state.pk).update(finished_at=approved_at)
    page = ResourcePage.objects.get(pk=page.pk)
    page.record_approval(approver, approved_at)
    log.created(f"material “{title}” (approved {approved_at:%d %b %Y})")


def seed_index(log):
    """The materials library page; `seed_demo` then sets up the roles, which include it."""
    home = Page.objects.get(depth=2)
    return add_page(
        home,
        ResourceIndexPage(
            title="Materials library",
            slug="materials",
            show_in_menus=True,
            search_description="Approved, age-appropriate materials on child sexual exploitation.",
            intro=(
                "<p>Lessons, slides, leaflets and training on child sexual exploitation, made by "
                "the county headteacher group and approved by the safeguarding board, for "
                "primary and secondary schools, parents and carers, taxi drivers and youth "
                "groups.</p>"
            ),
        ),
        log,
    )


def seed(log):
    """The approval workflow and the materials: after `seed_index` and the roles."""
    index = seed_index(log)
    workflow, _created = ensure_approval_workflow(index)
    approver = ensure_approver(log)
    editor = ensure_user("headteacher-editor", log)
    owner = PartnershipPage.objects.filter(slug="headteacher-group").first()
    existing = set(index.get_children().values_list("slug", flat=True))
    # The demo's submissions and approvals would each email reviewers and submitters.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for spec in MATERIALS:
            if _slug(spec[0]) not in existing:
                add_material(index, spec, owner, editor, approver, workflow, log)
