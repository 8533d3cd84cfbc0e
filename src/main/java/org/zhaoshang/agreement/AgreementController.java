package org.zhaoshang.agreement;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.zhaoshang.identity.CurrentUser;
import org.zhaoshang.identity.StaffUser;
import org.zhaoshang.project.ProjectService;
import org.zhaoshang.system.ApiException;

/** 协议分阶段跟踪 in the API: register an agreement, read it, add evidence, request a payment, download a file. */
@RestController
class AgreementController {

    record LinkRequest(String url, String note) {
    }

    private final AgreementService service;
    private final AgreementRecords records;
    private final AgreementViews views;
    private final IncentivePaymentService payments;
    private final EvidenceService evidence;
    private final ProjectService projects;

    AgreementController(AgreementService service, AgreementRecords records, AgreementViews views, IncentivePaymentService payments,
            EvidenceService evidence, ProjectService projects) {
        this.service = service;
        this.records = records;
        this.views = views;
        this.payments = payments;
        this.evidence = evidence;
        this.projects = projects;
    }

    @PostMapping("/api/projects/{code}/agreements")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> register(@PathVariable String code, @RequestBody AgreementRegistration registration) {
        long id = service.register(code, registration, CurrentUser.get());
        AgreementRecords.Agreement agreement = records.agreement(id).orElseThrow();
        return Map.of("agreementId", id, "projectCode", code, "processInstanceId", agreement.processInstanceId());
    }

    @GetMapping("/api/projects/{code}/agreements")
    List<AgreementViews.AgreementView> ofProject(@PathVariable String code) {
        projects.get(code, CurrentUser.get());
        return views.of(code);
    }

    @GetMapping("/api/agreements/{id}")
    AgreementViews.AgreementView get(@PathVariable long id) {
        return views.view(visible(id, CurrentUser.get()));
    }

    @PostMapping("/api/agreements/{id}/payments")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> requestPayment(@PathVariable long id, @RequestBody IncentivePaymentService.PaymentRequest request) {
        long paymentId = payments.request(id, request.incentiveId(), request.amount(), request.note(), CurrentUser.get());
        AgreementRecords.Payment payment = records.payment(paymentId);
        return Map.of("paymentId", paymentId, "status", payment.status(), "amount", payment.amount());
    }

    @PostMapping(path = "/api/milestones/{id}/evidence", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> upload(@PathVariable long id, @RequestParam("file") MultipartFile file,
            @RequestParam(name = "note", required = false) String note) throws IOException {
        return Map.of("evidenceId", evidence.upload(id, file.getOriginalFilename(), file.getBytes(), note, CurrentUser.get()));
    }

    @PostMapping("/api/milestones/{id}/evidence-links")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> link(@PathVariable long id, @RequestBody LinkRequest request) {
        return Map.of("evidenceId", evidence.link(id, request.url(), request.note(), CurrentUser.get()));
    }

    /** Always a download: never rendered inline, whatever the file claims to be. */
    @GetMapping("/api/evidence/{id}")
    ResponseEntity<byte[]> download(@PathVariable long id) {
        EvidenceService.EvidenceFile file = evidence.download(id, CurrentUser.get());
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file.fileName(), StandardCharsets.UTF_8)
                        .build().toString())
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'")
                .body(file.content());
    }

    private AgreementRecords.Agreement visible(long id, StaffUser user) {
        AgreementRecords.Agreement agreement = records.agreement(id).orElseThrow(() -> ApiException.notFound("协议不存在或无权查看"));
        try {
            projects.get(agreement.projectCode(), user);
        } catch (ApiException e) {
            throw ApiException.notFound("协议不存在或无权查看");
        }
        return agreement;
    }

}
