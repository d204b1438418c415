package io.duban.plan;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * An item's aliases: {@code GET /api/v1/plan/items/{code}/aliases} lists them with their source
 * (leaders and admins); {@code POST} adds one ({@code {"alias": "药创院"}}) and {@code DELETE
 * ?alias=…} removes one (admins).
 */
@RestController
@RequestMapping("/api/v1/plan/items/{code}/aliases")
class AliasController {

  /** The alias to add. */
  record NewAlias(String alias) {}

  private final ItemAliases aliases;

  AliasController(ItemAliases aliases) {
    this.aliases = aliases;
  }

  @GetMapping
  Flux<ItemAlias> list(@PathVariable String code) {
    return aliases.list(code);
  }

  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ItemAlias> add(@PathVariable String code, @RequestBody(required = false) NewAlias body) {
    return aliases.add(code, body == null ? null : body.alias());
  }

  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> remove(@PathVariable String code, @RequestParam(required = false) String alias) {
    return aliases.remove(code, alias);
  }
}
