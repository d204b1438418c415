package io.duban.plan;

import io.swagger.v3.oas.annotations.Operation;
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

  @Operation(summary = "列出任务别名")
  @GetMapping
  Flux<ItemAlias> list(@PathVariable String code) {
    return aliases.list(code);
  }

  @Operation(summary = "为任务添加别名")
  @PostMapping
  @ResponseStatus(HttpStatus.CREATED)
  Mono<ItemAlias> add(@PathVariable String code, @RequestBody(required = false) NewAlias body) {
    return aliases.add(code, body == null ? null : body.alias());
  }

  @Operation(summary = "删除任务别名")
  @DeleteMapping
  @ResponseStatus(HttpStatus.NO_CONTENT)
  Mono<Void> remove(@PathVariable String code, @RequestParam(required = false) String alias) {
    return aliases.remove(code, alias);
  }
}
