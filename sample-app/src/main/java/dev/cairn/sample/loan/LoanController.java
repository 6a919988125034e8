package dev.cairn.sample.loan;

import java.net.URI;
import java.util.List;

import jakarta.validation.Valid;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lending a book ({@code POST /books/{id}/loans}), returning it
 * ({@code POST /loans/{id}/return}) and listing loans.
 */
@RestController
public class LoanController {

	private final LoanService service;

	private final LoanRepository loans;

	public LoanController(LoanService service, LoanRepository loans) {
		this.service = service;
		this.loans = loans;
	}

	@PostMapping("/books/{bookId}/loans")
	public ResponseEntity<Loan> lend(@PathVariable long bookId, @Valid @RequestBody LoanRequest request) {
		Loan loan = this.service.lend(bookId, request);
		return ResponseEntity.created(URI.create("/loans/" + loan.id())).body(loan);
	}

	@GetMapping("/loans")
	public List<Loan> list(@RequestParam(required = false) Boolean open) {
		return this.loans.find(open);
	}

	@GetMapping("/loans/{id}")
	public Loan get(@PathVariable long id) {
		return this.service.get(id);
	}

	@PostMapping("/loans/{id}/return")
	public Loan giveBack(@PathVariable long id) {
		return this.service.giveBack(id);
	}

}
