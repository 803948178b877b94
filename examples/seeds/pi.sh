# Seed 000: a Job computes pi to 2000 digits (perl's bignum bpi), once.
kubectl apply -f pi.yaml
sim advance 5s
kubectl get pods
sim advance 1m
kubectl get job pi
kubectl get pods
kubectl logs job/pi
