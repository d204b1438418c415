package io.duban.dashboard;

import io.duban.chat.ChatType;
import io.duban.chat.InboundMessageService;
import io.duban.chat.MessageKind;
import io.duban.chat.NewInboundMessage;
import io.duban.chat.Platform;
import io.duban.system.DomainException;
import io.duban.unit.Contact;
import io.duban.unit.GroupChat;
import io.duban.unit.UnitService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chat simulator: pick a contact of the generic platform and type as in a group chat. A typed
 * line is stored through the same inbound service the generic webhook uses (so it is parsed,
 * answered and queued like any platform message), and the page shows the bot's answers, reminders
 * and digests from the outbox.
 */
@Controller
@DashboardPage
class SimulatorController {

  static final int MAX_LINES = 60;

  private final SimulatorMode mode;
  private final UnitService units;
  private final InboundMessageService inbound;
  private final SimulatorOutbox outbox;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();

  SimulatorController(
      SimulatorMode mode,
      UnitService units,
      InboundMessageService inbound,
      SimulatorOutbox outbox,
      Clock clock) {
    this.mode = mode;
    this.units = units;
    this.inbound = inbound;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** A chat the simulator can type into. */
  public record Room(String chatId, String name, ChatType type, String unitCode) {}

  record Line(@NotBlank String chatId, long contactId, @NotBlank @Size(max = 2000) String text) {}

  @GetMapping("/dashboard/simulator")
  Mono<String> page(Model model) {
    return requireOn()
        .then(Mono.zip(contacts().collectList(), rooms().collectList()))
        .map(
            t -> {
              model.addAttribute("contacts", t.getT1());
              model.addAttribute("rooms", t.getT2());
              model.addAttribute("bot", mode.bot());
              return "dashboard/simulator";
            });
  }

  @PostMapping("/dashboard/simulator/messages")
  @ResponseBody
  Mono<Map<String, Object>> send(@Valid @RequestBody Line line) {
    return requireOn()
        .then(units.contact(line.contactId()))
        .filter(c -> c.platform() == Platform.GENERIC)
        .switchIfEmpty(Mono.error(DomainException.badRequest("pick a simulator contact")))
        .zipWith(room(line.chatId()))
        .flatMap(t -> inbound.store(message(t.getT1(), t.getT2(), line.text())))
        .map(stored -> Map.<String, Object>of("id", stored.message().id()));
  }

  @GetMapping("/dashboard/simulator/messages")
  @ResponseBody
  Mono<List<ChatLine>> lines(@RequestParam String chatId, @RequestParam long contactId) {
    return requireOn()
        .then(units.contact(contactId))
        .map(Contact::platformUserId)
        .defaultIfEmpty("")
        .flatMap(
            userId -> {
              String chat = "single".equals(chatId) ? userId : chatId;
              Flux<ChatLine> typed =
                  inbound
                      .recent(Platform.GENERIC, chat, MAX_LINES)
                      .filter(m -> m.botId().equals(mode.bot()))
                      .map(
                          m ->
                              new ChatLine(
                                  "i" + m.id(),
                                  "user",
                                  m.senderName() == null ? m.senderId() : m.senderName(),
                                  "TEXT",
                                  "",
                                  m.text(),
                                  "",
                                  m.sentAt()));
              Flux<ChatLine> sent =
                  outbox.sentTo(
                      mode.bot(),
                      userId.isEmpty() ? List.of(chat) : List.of(chat, userId),
                      MAX_LINES);
              return Flux.merge(typed, sent)
                  .sort(Comparator.comparing(ChatLine::at).thenComparing(ChatLine::key))
                  .collectList();
            });
  }

  private NewInboundMessage message(Contact contact, Room room, String text) {
    String id = "sim-" + UUID.randomUUID();
    var now = clock.instant();
    // the same JSON a generic webhook would carry, kept as the raw payload
    String raw =
        json.writeValueAsString(
            Map.of(
                "messageId", id,
                "chatId", room.chatId(),
                "chatType", room.type() == ChatType.SINGLE ? "single" : "group",
                "senderId", contact.platformUserId(),
                "senderName", contact.name(),
                "text", text,
                "sentAt", now.toString()));
    return new NewInboundMessage(
        Platform.GENERIC,
        mode.bot(),
        id,
        room.type() == ChatType.SINGLE ? contact.platformUserId() : room.chatId(),
        room.type(),
        contact.platformUserId(),
        contact.name(),
        MessageKind.TEXT,
        text.strip(),
        now,
        null,
        null,
        raw);
  }

  private Flux<Contact> contacts() {
    return units.allContacts().filter(c -> c.platform() == Platform.GENERIC);
  }

  /** The generic bot's group chats, then a one-to-one chat with the bot. */
  private Flux<Room> rooms() {
    return units
        .allGroups()
        .filter(g -> g.platform() == Platform.GENERIC && g.botId().equals(mode.bot()))
        .map(SimulatorController::room)
        .concatWith(Mono.just(new Room("single", "与督办助手单聊", ChatType.SINGLE, "")));
  }

  private Mono<Room> room(String chatId) {
    return rooms()
        .filter(r -> r.chatId().equals(chatId))
        .next()
        .switchIfEmpty(Mono.error(DomainException.badRequest("unknown simulator chat " + chatId)));
  }

  private static Room room(GroupChat g) {
    return new Room(
        g.chatId(), g.name() == null ? g.chatId() : g.name(), ChatType.GROUP, g.unitCode());
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
