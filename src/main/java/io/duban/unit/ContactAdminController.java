package io.duban.unit;

import io.duban.system.DomainException;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.time.LocalDate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code PUT /api/v1/contacts/{id}} (ADMIN): renames a contact, changes its role, sets or clears
 * its leave dates and the deputy who reports for it meanwhile (a contact of the same unit).
 */
@RestController
class ContactAdminController {

  private final UnitService units;
  private final DatabaseClient db;
  private final Directory directory;

  ContactAdminController(UnitService units, DatabaseClient db, Directory directory) {
    this.units = units;
    this.db = db;
    this.directory = directory;
  }

  record ContactChange(
      @NotBlank String name,
      ContactRole role,
      LocalDate leaveFrom,
      LocalDate leaveUntil,
      Long deputyId) {}

  @Operation(summary = "修改联络员（角色、请假、代报人）")
  @PutMapping("/api/v1/contacts/{id}")
  Mono<Contact> update(@PathVariable long id, @Valid @RequestBody ContactChange change) {
    if (change.leaveFrom() != null
        && change.leaveUntil() != null
        && change.leaveUntil().isBefore(change.leaveFrom())) {
      return Mono.error(DomainException.badRequest("leaveUntil is before leaveFrom"));
    }
    if (change.deputyId() != null && change.deputyId() == id) {
      return Mono.error(DomainException.badRequest("a contact cannot be its own deputy"));
    }
    return units
        .contact(id)
        .switchIfEmpty(Mono.error(DomainException.notFound("no contact " + id)))
        .flatMap(
            contact ->
                checkDeputy(contact, change.deputyId())
                    .then(store(contact, change))
                    .then(units.contact(id)));
  }

  private Mono<Void> checkDeputy(Contact contact, Long deputyId) {
    if (deputyId == null) {
      return Mono.empty();
    }
    return units
        .contact(deputyId)
        .filter(d -> d.unitCode().equals(contact.unitCode()))
        .switchIfEmpty(
            Mono.error(
                DomainException.badRequest(
                    "the deputy must be a contact of " + contact.unitCode())))
        .then();
  }

  private Mono<Void> store(Contact contact, ContactChange change) {
    var spec =
        db.sql(
                "update contact set name = :name, role = :role, leave_from = :from,"
                    + " leave_until = :until, deputy_id = :deputy where id = :id")
            .bind("id", contact.id())
            .bind("name", change.name().strip())
            .bind("role", (change.role() == null ? contact.role() : change.role()).name());
    spec =
        change.leaveFrom() == null
            ? spec.bindNull("from", LocalDate.class)
            : spec.bind("from", change.leaveFrom());
    spec =
        change.leaveUntil() == null
            ? spec.bindNull("until", LocalDate.class)
            : spec.bind("until", change.leaveUntil());
    spec =
        change.deputyId() == null
            ? spec.bindNull("deputy", Long.class)
            : spec.bind("deputy", change.deputyId());
    return spec.then().then(directory.changed());
  }
}
