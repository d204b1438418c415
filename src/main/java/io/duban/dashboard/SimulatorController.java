package io.duban.dashboard;

import io.duban.chat.ChatType;
import io.duban.chat.InboundMessageService;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.Platform;
import io.duban.security.AdminAudit;
import io.duban.system.DomainException;
import io.duban.unit.Contact;
import io.duban.unit.ContactRole;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.security.Principal;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.multipart.FilePart;
import org.springframework.http.codec.multipart.FormFieldPart;
import org.springframework.http.codec.multipart.Part;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat simulator: pick any contact (grouped by unit, leaders marked) and type as in one of the
 * group chats of that contact's platform. A typed line is stored through the same inbound service
 * the platforms' callbacks use, as if it came from that platform's bot (so it is parsed, answered
 * and queued like any platform message), and the page shows the bot's answers, reminders and
 * digests from the outbox, charts as images. Admins only: a line typed here is trusted as the
 * contact's, so the raw payload names the signed-in typist and an audit row records each line.
 */
@Controller
@DashboardPage
class SimulatorController {

  static final int MAX_LINES = 60;

  /** The largest picture or file the simulator sends, as large as a multipart part may be. */
  static final int MAX_FILE_BYTES = 10 * 1024 * 1024;

  private final SimulatorMode mode;
  private final UnitService units;
  private final InboundMessageService inbound;
  private final SimulatorOutbox outbox;
  private final AdminAudit audit;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  SimulatorController(
      SimulatorMode mode,
      UnitService units,
      InboundMessageService inbound,
      SimulatorOutbox outbox,
      AdminAudit audit,
      Clock clock) {
    this.mode = mode;
    this.units = units;
    this.inbound = inbound;
    this.outbox = outbox;
    this.audit = audit;
    this.clock = clock;
  }

  /** A chat the simulator can type into, on a platform's bot. */
  public record Room(
      String chatId,
      String name,
      ChatType type,
      String unitCode,
      Platform platform,
      String botId,
      long groupId) {}

  /** A unit's contacts as the identity list shows them. */
  public record Team(String unitName, List<Contact> contacts) {}

  static final String SINGLE = "single";

  record Line(@NotBlank String chatId, long contactId, @NotBlank @Size(max = 2000) String text) {}

  @GetMapping("/dashboard/simulator")
  Mono<String> page(Model model) {
    return requireOn()
        .then(Mono.zip(teams(), rooms().collectList()))
        .map(
            t -> {
              model.addAttribute("teams", t.getT1());
              model.addAttribute("rooms", t.getT2());
              model.addAttribute("bot", mode.bot());
              return "dashboard/simulator";
            });
  }

  /**
   * Stores a typed line as the chosen contact (admins only, see DashboardSecurity); who typed it is
   * kept in the raw payload ({@code typedBy}) and in an audit row per line.
   */
  @PostMapping("/dashboard/simulator/messages")
  @ResponseBody
  Mono<Map<String, Object>> send(@Valid @RequestBody Line line, Principal typist) {
    String typedBy = typist.getName();
    return requireOn()
        .then(units.contact(line.contactId()))
        .switchIfEmpty(Mono.error(DomainException.badRequest("请选择一位联络员")))
        .flatMap(
            c ->
                room(line.chatId(), c)
                    .map(r -> message(c, r, line.text(), typedBy))
                    .flatMap(inbound::store)
                    .flatMap(
                        stored ->
                            audit
                                .record(
                                    "simulator.message",
                                    "inbound:" + stored.message().id(),
                                    "以 "
                                        + c.name()
                                        + "（"
                                        + c.platformUserId()
                                        + "）身份在 "
                                        + line.chatId()
                                        + " 发送")
                                .thenReturn(Map.<String, Object>of("id", stored.message().id()))));
  }

  /**
   * Stores a picture or file sent as the chosen contact (admins only; form fields {@code chatId},
   * {@code contactId} and {@code file}): an image message (a file message for anything not declared
   * an image) of the chat's bot, its bytes carried in the payload. The evidence intake takes it as
   * it takes a platform's picture: it checks the type by content and the size, stores it, attaches
   * it to the sender's report of the same minutes and answers in the chat. Audited like a typed
   * line.
   */
  @PostMapping(path = "/dashboard/simulator/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  @ResponseBody
  Mono<Map<String, Object>> sendFile(ServerWebExchange exchange, Principal typist) {
    String typedBy = typist.getName();
    return requireOn()
        .then(exchange.getMultipartData())
        .flatMap(
            parts -> {
              long contactId;
              try {
                contactId = Long.parseLong(field(parts, "contactId"));
              } catch (NumberFormatException e) {
                return Mono.error(DomainException.badRequest("请选择一位联络员"));
              }
              String chatId = field(parts, "chatId");
              if (!(parts.getFirst("file") instanceof FilePart file)) {
                return Mono.error(DomainException.badRequest("请选择要发送的图片或文件"));
              }
              return units
                  .contact(contactId)
                  .switchIfEmpty(Mono.error(DomainException.badRequest("请选择一位联络员")))
                  .flatMap(c -> room(chatId, c).flatMap(r -> storeFile(c, r, file, typedBy)));
            });
  }

  private Mono<Map<String, Object>> storeFile(
      Contact contact, Room room, FilePart file, String typedBy) {
    MediaType declared = file.headers().getContentType();
    boolean image = declared != null && "image".equals(declared.getType());
    String name = file.filename() == null ? "" : file.filename().strip();
    return DataBufferUtils.join(file.content(), MAX_FILE_BYTES)
        .onErrorMap(
            DataBufferLimitException.class,
            e ->
                new DomainException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    "PAYLOAD_TOO_LARGE",
                    "模拟器一次最多发送 " + MAX_FILE_BYTES / (1024 * 1024) + " MB 的文件"))
        .map(
            buffer -> {
              byte[] bytes = new byte[buffer.readableByteCount()];
              buffer.read(bytes);
              DataBufferUtils.release(buffer);
              return bytes;
            })
        .defaultIfEmpty(new byte[0])
        .map(
            bytes ->
                message(
                    contact,
                    room,
                    image ? MessageKind.IMAGE : MessageKind.FILE,
                    "",
                    typedBy,
                    Map.of("fileName", name, "base64", Base64.getEncoder().encodeToString(bytes))))
        .flatMap(inbound::store)
        .flatMap(
            stored ->
                audit
                    .record(
                        "simulator.file",
                        "inbound:" + stored.message().id(),
                        "以 "
                            + contact.name()
                            + "（"
                            + contact.platformUserId()
                            + "）身份在 "
                            + room.chatId()
                            + " 发送"
                            + (image ? "图片 " : "文件 ")
                            + name)
                    .thenReturn(Map.<String, Object>of("id", stored.message().id())));
  }

  private static String field(MultiValueMap<String, Part> parts, String name) {
    return parts.getFirst(name) instanceof FormFieldPart f ? f.value().strip() : "";
  }

  @GetMapping("/dashboard/simulator/messages")
  @ResponseBody
  Mono<List<ChatLine>> lines(@RequestParam String chatId, @RequestParam long contactId) {
    return requireOn()
        .then(units.contact(contactId))
        .flatMap(c -> room(chatId, c).map(r -> conversation(c, r)))
        .flatMap(Flux::collectList)
        .defaultIfEmpty(List.of());
  }

  private Flux<ChatLine> conversation(Contact contact, Room room) {
    String userId = contact.platformUserId();
    String chat = room.type() == ChatType.SINGLE ? userId : room.chatId();
    return inbound
        .recent(room.platform(), chat, MAX_LINES)
        .filter(m -> m.botId().equals(room.botId()))
        .collectList()
        .flatMapMany(
            typed -> {
              Set<String> replies = new HashSet<>();
              typed.forEach(m -> replies.add("report-reply:" + m.id()));
              // the evidence intake answers a picture or file, and a report that collected one
              typed.forEach(m -> replies.add("evidence:" + m.id()));
              typed.forEach(m -> replies.add("evidence-attach:" + m.id()));
              Flux<ChatLine> sent =
                  outbox.sentTo(
                      room.platform(),
                      room.botId(),
                      List.of(chat, userId),
                      key -> ours(key, replies, room),
                      MAX_LINES);
              Flux<ChatLine> said =
                  Flux.fromIterable(typed)
                      .map(
                          m ->
                              new ChatLine(
                                  "i" + m.id(),
                                  "user",
                                  m.senderName() == null ? m.senderId() : m.senderName(),
                                  "TEXT",
                                  "",
                                  said(m),
                                  "",
                                  m.sentAt()));
              return Flux.merge(said, sent);
            })
        .sort(Comparator.comparing(ChatLine::at).thenComparing(ChatLine::key));
  }

  /**
   * Whether a webhook message belongs to this chat, by its once-only key: a reply to a line typed
   * here ({@code report-reply:<id>}, parts {@code #2}…), or a scheduled message for this group
   * (keys ending in the group's id, its chart {@code :chart}).
   */
  static boolean ours(String key, Set<String> replies, Room room) {
    if (key == null) {
      return false;
    }
    String base = key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
    if (replies.contains(base)) {
      return true;
    }
    if (room.groupId() <= 0 || base.startsWith("report-reply:")) {
      return false;
    }
    String group = ":" + room.groupId();
    return base.endsWith(group) || base.endsWith(group + ":chart");
  }

  /** What a person's line shows: the text, or the kind of attachment sent. */
  private static String said(io.duban.chat.InboundMessage m) {
    return switch (m.messageType()) {
      case IMAGE -> "［图片］";
      case FILE -> "［文件］";
      default -> m.text();
    };
  }

  private NewInboundMessage message(Contact contact, Room room, String text, String typedBy) {
    return message(contact, room, MessageKind.TEXT, text, typedBy, null);
  }

  private NewInboundMessage message(
      Contact contact,
      Room room,
      MessageKind kind,
      String text,
      String typedBy,
      Map<String, String> inlineMedia) {
    String id = "sim-" + UUID.randomUUID();
    var now = clock.instant();
    // the same JSON a generic webhook would carry, kept as the raw payload; a picture or file
    // carries its bytes inline (io.duban.chat.InlineMedia)
    Map<String, Object> payload = new java.util.LinkedHashMap<>();
    payload.put("messageId", id);
    payload.put("chatId", room.chatId());
    payload.put("chatType", room.type() == ChatType.SINGLE ? "single" : "group");
    payload.put("senderId", contact.platformUserId());
    payload.put("senderName", contact.name());
    payload.put("messageType", kind.key());
    payload.put("text", text);
    payload.put("sentAt", now.toString());
    payload.put("typedBy", typedBy);
    if (inlineMedia != null) {
      payload.put("inlineMedia", inlineMedia);
    }
    String raw = json.writeValueAsString(payload);
    return new NewInboundMessage(
        room.platform(),
        room.botId(),
        id,
        room.type() == ChatType.SINGLE ? contact.platformUserId() : room.chatId(),
        room.type(),
        contact.platformUserId(),
        contact.name(),
        kind,
        text.strip(),
        now,
        null,
        null,
        raw);
  }

  /** Every contact, by unit in the units' order, leaders first within their unit. */
  private Mono<List<Team>> teams() {
    return Mono.zip(units.units().collectList(), units.allContacts().collectList())
        .map(
            t ->
                t.getT1().stream()
                    .map(
                        u ->
                            new Team(
                                u.name(),
                                t.getT2().stream()
                                    .filter(c -> c.unitCode().equals(u.code()))
                                    .sorted(
                                        Comparator.comparing(
                                                (Contact c) -> c.role() != ContactRole.LEADER)
                                            .thenComparingLong(Contact::id))
                                    .toList()))
                    .filter(team -> !team.contacts().isEmpty())
                    .toList());
  }

  /** Every group chat with a bot, then a one-to-one chat with the bot. */
  private Flux<Room> rooms() {
    return units
        .allGroups()
        .filter(g -> g.botId() != null && !g.botId().isBlank())
        .map(SimulatorController::room)
        .concatWith(
            Mono.just(
                new Room(SINGLE, "与督办助手单聊", ChatType.SINGLE, "", Platform.GENERIC, mode.bot(), 0)));
  }

  /**
   * The chat as the contact sees it: a group of the contact's platform, or the one-to-one chat with
   * that platform's bot (the simulator's generic bot for generic contacts).
   */
  private Mono<Room> room(String chatId, Contact contact) {
    if (SINGLE.equals(chatId)) {
      if (contact.platform() == Platform.GENERIC) {
        return Mono.just(
            new Room(SINGLE, "与督办助手单聊", ChatType.SINGLE, "", Platform.GENERIC, mode.bot(), 0));
      }
      return rooms()
          .filter(r -> r.platform() == contact.platform() && r.type() == ChatType.GROUP)
          .next()
          .map(r -> new Room(SINGLE, "与督办助手单聊", ChatType.SINGLE, "", r.platform(), r.botId(), 0))
          .switchIfEmpty(Mono.error(DomainException.badRequest("该联络员所在平台没有机器人")));
    }
    return rooms()
        .filter(r -> r.chatId().equals(chatId))
        .next()
        .switchIfEmpty(Mono.error(DomainException.badRequest("没有这个会话：" + chatId)))
        .filter(r -> r.platform() == contact.platform())
        .switchIfEmpty(Mono.error(DomainException.badRequest("该联络员不在这个平台的群里，请选择其所在平台的群")));
  }

  private static Room room(GroupChat g) {
    return new Room(
        g.chatId(),
        g.name() == null ? g.chatId() : g.name(),
        ChatType.GROUP,
        g.unitCode(),
        g.platform(),
        g.botId(),
        g.id());
  }

  private Mono<Void> requireOn() {
    return mode.active()
        ? Mono.empty()
        : Mono.error(
            new DomainException(
                HttpStatus.NOT_FOUND,
                "NOT_FOUND",
                "the chat simulator is off (duban.simulator.enabled)"));
  }
}
